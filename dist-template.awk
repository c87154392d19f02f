# template.yaml as `make dist` ships it: Globals' `CodeUri: .` and each function's makefile build metadata go,
# and each function's Properties name its jar (jars: "LogicalId=module ..."), so the template deploys the jars
# next to it with `aws cloudformation package`.
BEGIN {
    n = split(jars, pairs, " ")
    for (i = 1; i <= n; i++) {
        split(pairs[i], kv, "=")
        jar[kv[1]] = kv[2] "-lambda.jar"
    }
}
/^[A-Za-z]/ { section = $1 }
section == "Resources:" && /^  [A-Za-z0-9]+:$/ { resource = substr($1, 1, length($1) - 1) }
section == "Globals:" && /^    CodeUri: \.$/ { next }
section == "Resources:" && (resource in jar) && /^    Metadata:$/ { skipping = 1; next }
skipping && /^      / { next }
{ skipping = 0 }
section == "Resources:" && (resource in jar) && /^    Properties:$/ {
    print
    print "      CodeUri: " jar[resource]
    next
}
{ print }
