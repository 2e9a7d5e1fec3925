#!/bin/sh
# The service images' entry point: the unpacked jar, with the AOT cache when its build trained one (the ingress).
set -eu
aot=""
[ -f /app/app.aot ] && aot="-XX:AOTCache=/app/app.aot"
# shellcheck disable=SC2086
exec java -XX:MaxRAMPercentage=75 $aot ${JAVA_OPTS:-} -jar /app/extracted/app.jar "$@"
