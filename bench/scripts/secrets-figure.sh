#!/usr/bin/env bash
# Issue #17's figure: N errors at root DEBUG through Logback or Log4j 2 (through log4j-slf4j2-impl),
# counting log lines with the DSN key, HTTP-client log bytes per envelope and SDK thread CPU.
# Usage (from the repo root, after `mvn -B -o -q compile -pl sentry-logback,sentry-log4j2 -am`):
#   bench/scripts/secrets-figure.sh logback 4000
#   bench/scripts/secrets-figure.sh log4j2 4000
set -euo pipefail
fw=$1; n=${2:-4000}
m2=${M2:-$HOME/.m2/repository}
J=$m2; core=sentry-core/target/classes:sentry-testing/target/classes
deps=$J/com/fasterxml/jackson/core/jackson-core/2.23.0/jackson-core-2.23.0.jar:$J/com/fasterxml/jackson/core/jackson-databind/2.23.0/jackson-databind-2.23.0.jar:$J/com/fasterxml/jackson/core/jackson-annotations/2.23/jackson-annotations-2.23.jar:$J/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar
if grep -q httpclient5 sentry-core/pom.xml; then  # before #17: the Apache client and its parts
  deps=$deps:$J/org/apache/httpcomponents/client5/httpclient5/5.6.5/httpclient5-5.6.5.jar:$J/org/apache/httpcomponents/core5/httpcore5/5.4.4/httpcore5-5.4.4.jar:$J/org/apache/httpcomponents/core5/httpcore5-h2/5.4.4/httpcore5-h2-5.4.4.jar
fi
case $fw in
  logback) fwcp=sentry-logback/target/classes:$J/ch/qos/logback/logback-classic/1.5.38/logback-classic-1.5.38.jar:$J/ch/qos/logback/logback-core/1.5.38/logback-core-1.5.38.jar;;
  log4j2) fwcp=sentry-log4j2/target/classes:$J/org/apache/logging/log4j/log4j-api/2.25.3/log4j-api-2.25.3.jar:$J/org/apache/logging/log4j/log4j-core/2.25.3/log4j-core-2.25.3.jar:$J/org/apache/logging/log4j/log4j-slf4j2-impl/2.25.3/log4j-slf4j2-impl-2.25.3.jar;;
esac
cp=$core:$deps:$fwcp
out=$(mktemp -d)
javac -d "$out" -cp "$cp" bench/scripts/SecretsFigure.java
java -cp "$out:$cp" SecretsFigure "$fw" "$n"
