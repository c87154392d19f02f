# Used by `sam build` (Metadata: BuildMethod: makefile): builds a function's jar with the Maven reactor from the
# repository root and puts it where Lambda's Java runtime loads classes from (lib/ in the deployment package).
MVN ?= mvn -B -q

define function_target
build-$(1):
	$(MVN) -f $(CURDIR)/pom.xml -pl functions/$(2) -am package -DskipTests
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp $(CURDIR)/functions/$(2)/target/$(2)-lambda.jar "$(ARTIFACTS_DIR)/lib/"
endef

FUNCTIONS := StaleLockRemediatorFunction=stale-lock-remediator ExecRolloutFunction=exec-rollout \
	AlarmRemediatorFunction=alarm-remediator

$(foreach f,$(FUNCTIONS),$(eval $(call function_target,$(word 1,$(subst =, ,$(f))),$(word 2,$(subst =, ,$(f))))))

# `make dist`: the deployable artifacts without the SAM CLI, for `aws cloudformation package` (and Terraform's
# aws_cloudformation_stack): the three jars, and template.yaml with each function's CodeUri naming its jar
# instead of the makefile build.
DIST ?= $(CURDIR)/dist

.PHONY: dist dist-template
dist:
	$(MVN) -f $(CURDIR)/pom.xml -pl $(subst $(eval) ,$(comma),$(foreach f,$(FUNCTIONS),functions/$(word 2,$(subst =, ,$(f))))) -am package -DskipTests
	$(MAKE) -f $(CURDIR)/Makefile dist-template DIST="$(DIST)"

comma := ,

dist-template:
	mkdir -p "$(DIST)"
	$(foreach f,$(FUNCTIONS),cp $(CURDIR)/functions/$(word 2,$(subst =, ,$(f)))/target/$(word 2,$(subst =, ,$(f)))-lambda.jar "$(DIST)/";)
	awk -v jars="$(FUNCTIONS)" -f $(CURDIR)/dist-template.awk $(CURDIR)/template.yaml > "$(DIST)/template.yaml"
