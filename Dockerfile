# One build, two kinds of image:
#   --target service --build-arg SERVICE=<ingress|routing|calllog>-service   a Switchboard service
#   --target tools                                                         the provisioning CLI
# Every build step is a script in deploy/image/ that CI also runs outside Docker (deploy/image/build.sh, check.sh).
FROM eclipse-temurin:25.0.3_9-jdk AS build
WORKDIR /src
COPY . .
RUN deploy/image/build.sh /out && deploy/image/check.sh /out

FROM eclipse-temurin:25.0.3_9-jre AS service
ARG SERVICE
# The ingress's disk spool lives in /var/lib/switchboard/spool, owned by the service's user; compose mounts a
# named volume there, which Docker first fills from (and so owns like) this directory.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 switchboard \
 && mkdir -p /app /var/lib/switchboard/spool && chown -R switchboard /var/lib/switchboard
ENV SWITCHBOARD_INGRESS_SPOOL_DIR=/var/lib/switchboard/spool
WORKDIR /app
COPY --from=build /out/services/${SERVICE}/app.jar /app/app.jar
COPY deploy/image/aot.sh deploy/image/run.sh /app/
# In this stage, with the JVM that runs the service: an AOT cache only loads into the JVM build that wrote it.
RUN /app/aot.sh /app "${SERVICE}" && chown -R switchboard /app
USER switchboard
VOLUME ["/var/lib/switchboard/spool"]
ENTRYPOINT ["/app/run.sh"]

FROM eclipse-temurin:25.0.3_9-jre AS tools
WORKDIR /app
COPY --from=build /out/tools /app
USER 10001
ENTRYPOINT ["java", "-cp", "/app/classes:/app/lib/*", "io.switchboard.stack.cli.LocalStack"]
