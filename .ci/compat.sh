#!/usr/bin/env bash
# Runs the installed plugin on the example webapp with every Maven and JDK we support, and checks the result
# as a user would: the packaged web.xml has <distributable/> and the release profile's verify goal passes.
# Usage: .ci/compat.sh   (after `mvn install`; the Maven distributions come from Maven Central)
set -euo pipefail
cd "$(dirname "$0")/.."
MAVENS="3.6.3 3.9.16 4.0.0-rc-7"
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64
work=target/compat
mkdir -p "$work"

check_example() { # $1 = label, then the command to run
  local label=$1; shift
  rm -rf examples/session-counter/target
  if ! "$@" -B -ntp -q -f examples/session-counter/pom.xml -Prelease verify > "$work/$label.log" 2>&1; then
    echo "compat: FAILED with $label"; tail -40 "$work/$label.log"; return 1
  fi
  if ! java .ci/CheckWars.java examples/session-counter/target/session-counter.war > /dev/null; then
    echo "compat: FAILED with $label: the packaged WAR is not distributable"; return 1
  fi
  echo "compat: ok with $label"
}

for v in $MAVENS; do
  home="$work/apache-maven-$v"
  if [ ! -x "$home/bin/mvn" ]; then
    mvn -B -ntp -q dependency:copy -Dartifact="org.apache.maven:apache-maven:$v:tar.gz:bin" \
      -DoutputDirectory="$work" -Dmdep.stripVersion=false
    tar -xzf "$work/apache-maven-$v-bin.tar.gz" -C "$work"
  fi
  check_example "maven-$v-jdk17" "$home/bin/mvn"
done

if [ -x "$JDK25/bin/java" ]; then
  JAVA_HOME="$JDK25" check_example "system-maven-jdk25" mvn
else
  echo "compat: FAILED: no JDK 25 at $JDK25"; exit 1
fi
rm -rf examples/session-counter/target
