#!/usr/bin/env bash
# Checks what build.sh produced, as the images will run it: the tools start from their own classpath (every
# class they need is there), and each service jar is a Spring Boot executable naming its main class.
#   deploy/image/check.sh [OUT]
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-target/image}"
source deploy/lib/jdk.sh
pick_jdk
java="$JAVA_HOME/bin/java"
fail() { echo "image check failed: $*" >&2; exit 1; }

for service in ingress-service routing-service calllog-service; do
  jar="$out/services/$service/app.jar"
  [[ -s "$jar" ]] || fail "$jar is missing"
  manifest=$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r')
  grep -q '^Start-Class: io\.switchboard\.' <<<"$manifest" || fail "$jar names no Switchboard Start-Class"
  listing=$(unzip -l "$jar") # read whole: grep -q on a pipe would end unzip early (SIGPIPE under pipefail)
  grep -q 'BOOT-INF/lib/schemas-' <<<"$listing" || fail "$jar lacks the schemas module"
done

# --help parses every subcommand's options: it loads the provisioning code and the schemas it registers.
"$java" -cp "$out/tools/classes:$out/tools/lib/*" io.switchboard.stack.cli.LocalStack provision --help >/dev/null \
  || fail "the tools image's provision command does not start"
compgen -G "$out/tools/lib/schemas-*.jar" >/dev/null || fail "the tools lack the schemas module"
echo "image contents in $out check out"
