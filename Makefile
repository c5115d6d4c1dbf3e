# What `sam build` runs (template.yaml: every function has Metadata BuildMethod makefile): for each of the twelve
# functions, `make --makefile Makefile build-<FunctionLogicalId>` with ARTIFACTS_DIR set. SAM shares no build between
# functions, so the one jar they all deploy is a file target: Maven runs only when a source is newer than the jar, and
# the other functions copy it. That needs the build to run here, in the source tree - samconfig.toml sets
# build_in_source; without it SAM copies the project to a scratch directory per function and Maven runs in each.
FUNCTIONS_JAR := functions/target/functions.jar
# What the jar is built from: the poms and the main sources of the modules it holds.
JAR_SOURCES := pom.xml $(shell find shared logging functions -name pom.xml -o -path '*/src/main/*' -type f)

$(FUNCTIONS_JAR): $(JAR_SOURCES)
	mvn -q -B -pl functions -am package -DskipTests

build-%: $(FUNCTIONS_JAR)
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp $(FUNCTIONS_JAR) "$(ARTIFACTS_DIR)/lib/"
