#!/usr/bin/env bash
# Load: a reactor of 8 webapps built with -T 4 gives 8 correct WARs, every run, $RUNS runs in a row.
# Usage: .ci/load.sh   (after `mvn install`)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-20}
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
root=target/load
rm -rf "$root"
mkdir -p "$root"
modules=""
for i in 1 2 3 4 5 6 7 8; do
  modules="$modules<module>app$i</module>"
  mkdir -p "$root/app$i/src/main/webapp/WEB-INF" "$root/app$i/src/main/webapp/static"
  cat > "$root/app$i/src/main/webapp/WEB-INF/web.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
    <display-name>app$i</display-name>
    <session-config><session-timeout>30</session-timeout></session-config>
</web-app>
XML
  for f in $(seq 1 200); do echo "asset $i/$f $(seq 1 $f | tr '\n' ' ')" > "$root/app$i/src/main/webapp/static/f$f.txt"; done
  cat > "$root/app$i/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>io.github.clusterready.load</groupId><artifactId>reactor</artifactId><version>1</version></parent>
  <artifactId>app$i</artifactId>
  <packaging>war</packaging>
  <build><finalName>app$i</finalName></build>
</project>
POM
done
cat > "$root/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.github.clusterready.load</groupId>
  <artifactId>reactor</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <modules>$modules</modules>
  <properties><project.build.outputTimestamp>2026-11-25T00:00:00Z</project.build.outputTimestamp></properties>
  <build>
    <pluginManagement><plugins>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-war-plugin</artifactId><version>3.4.0</version></plugin>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-clean-plugin</artifactId><version>3.4.0</version></plugin>
    </plugins></pluginManagement>
    <plugins>
      <plugin>
        <groupId>io.github.clusterready</groupId><artifactId>tomcat-cluster-maven-plugin</artifactId><version>$version</version>
        <executions><execution><goals><goal>distributable</goal><goal>verify</goal></goals></execution></executions>
      </plugin>
    </plugins>
  </build>
</project>
POM
for run in $(seq 1 "$RUNS"); do
  if ! mvn -B -ntp -q -T 4 -f "$root/pom.xml" clean verify > "$root/run.log" 2>&1; then
    echo "load: run $run FAILED"; tail -40 "$root/run.log"; exit 1
  fi
  java .ci/CheckWars.java "$root"/app*/target/app*.war > /dev/null || { echo "load: run $run gave a bad WAR"; exit 1; }
done
echo "load: $RUNS runs of 8 webapps with -T 4, 8 correct WARs each time"
