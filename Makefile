# sam build runs `make build-<FunctionLogicalId>` (template.yaml: Metadata BuildMethod makefile). Every function
# deploys the same jar, so SAM builds it once and copies it to each function.
FUNCTIONS_JAR := functions/target/functions.jar

build-%:
	mvn -q -B -pl functions -am package -DskipTests
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp $(FUNCTIONS_JAR) "$(ARTIFACTS_DIR)/lib/"
