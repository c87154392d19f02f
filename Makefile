# Used by `sam build` (Metadata: BuildMethod: makefile): builds a function's jar with the Maven reactor from the
# repository root and puts it where Lambda's Java runtime loads classes from (lib/ in the deployment package).
MVN ?= mvn -B -q

define function_target
build-$(1):
	$(MVN) -f $(CURDIR)/pom.xml -pl functions/$(2) -am package -DskipTests
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp $(CURDIR)/functions/$(2)/target/$(2)-lambda.jar "$(ARTIFACTS_DIR)/lib/"
endef

$(eval $(call function_target,StaleLockRemediatorFunction,stale-lock-remediator))
$(eval $(call function_target,ExecRolloutFunction,exec-rollout))
$(eval $(call function_target,AlarmRemediatorFunction,alarm-remediator))
