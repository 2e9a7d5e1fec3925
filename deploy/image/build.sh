#!/usr/bin/env bash
# The image build, step by step: the Dockerfile's build stage runs exactly this, and so does CI (outside
# Docker, where no engine runs), so a step that cannot work is caught before anyone builds an image.
#   deploy/image/build.sh [OUT]     OUT defaults to target/image
# Layout of OUT (what the Dockerfile copies into its images):
#   services/<ingress|routing|calllog>-service/app.jar   each service's executable jar
#   tools/classes, tools/lib/*.jar                       the provisioning CLI (LocalStack) and its runtime classpath
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-target/image}"
services=(ingress-service routing-service calllog-service)
source deploy/lib/jdk.sh
pick_jdk

# The whole reactor, so that the tools' own modules (schemas, livekit-sync) are built beside them. CI sets
# SKIP_MAVEN=1 to lay out the jars its test run has just built (a second build costs it minutes).
if [[ "${SKIP_MAVEN:-}" != 1 ]]; then
  ./mvnw -B -q -DskipTests package
fi

rm -rf "$out"
mkdir -p "$out/tools/lib"
for service in "${services[@]}"; do
  mkdir -p "$out/services/$service"
  cp "$service/target/$service.jar" "$out/services/$service/app.jar"
done
cp -r local-stack/target/classes "$out/tools/classes"
# launcher.classpath is Maven's resolved runtime classpath of local-stack, reactor modules included.
tr ':' '\n' < local-stack/target/launcher.classpath | while read -r jar; do
  [[ -n "$jar" ]] && cp "$jar" "$out/tools/lib/"
done
echo "image contents built in $out"
