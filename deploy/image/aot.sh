#!/bin/sh
# The service image's last build step (and CI's, outside Docker): unpack the Spring Boot jar into a plain classpath
# (JDK 25's ahead-of-time cache keeps only classes of the JVM's own class loaders, not of nested jars), then, for
# the ingress, a training run that writes the cache: the service starts, warms its answer path (the same warm-up
# that precedes readiness) and exits; the next start loads those classes linked and their profiles from app.aot.
#   deploy/image/aot.sh APP_DIR SERVICE [JAVA]     APP_DIR holds app.jar; writes APP_DIR/extracted/, APP_DIR/app.aot
# Run it with the JVM the image runs: a cache only loads into the JVM build that wrote it.
set -eu
app="$1"
service="$2"
java="${3:-java}"

rm -rf "$app/extracted" "$app/app.aot"
"$java" -Djarmode=tools -jar "$app/app.jar" extract --destination "$app/extracted"
[ -s "$app/extracted/app.jar" ] || { echo "aot.sh: extracting $app/app.jar gave no app.jar" >&2; exit 1; }

if [ "$service" = ingress-service ]; then
  spool="$(mktemp -d)"
  # No broker or registry here: the warm-up needs neither (it emits nothing); Kafka's clients retry in the background.
  "$java" -XX:AOTCacheOutput="$app/app.aot" -jar "$app/extracted/app.jar" \
    --server.address=127.0.0.1 --server.port=0 --spring.kafka.bootstrap-servers=127.0.0.1:1 \
    --switchboard.access.dev-secrets=true --switchboard.ingress.spool-dir="$spool" \
    --switchboard.ingress.warm-up.iterations="${AOT_TRAINING_ROUNDS:-20000}" --switchboard.ingress.warm-up.exit=true \
    > "$app/aot-training.log" 2>&1 || { tail -40 "$app/aot-training.log" >&2; exit 1; }
  rm -rf "$spool"
  [ -s "$app/app.aot" ] || { echo "aot.sh: the training run wrote no $app/app.aot" >&2; tail -20 "$app/aot-training.log" >&2; exit 1; }
  echo "AOT cache for $service: $(du -h "$app/app.aot" | cut -f1) ($(grep -ao 'warmed up: [0-9]* rounds in [0-9]* ms' "$app/aot-training.log"))"
fi
