# One build, two kinds of image:
#   --target service --build-arg SERVICE=<ingress|routing|calllog>-service   a Switchboard service
#   --target tools                                                         the provisioning CLI
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package \
 && ./mvnw -B -q -pl local-stack dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/out/tools/lib \
 && cp -r local-stack/target/classes /out/tools/classes

FROM eclipse-temurin:21-jre AS service
ARG SERVICE
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 switchboard
COPY --from=build /src/${SERVICE}/target/${SERVICE}.jar /app/app.jar
USER switchboard
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]

FROM eclipse-temurin:21-jre AS tools
COPY --from=build /out/tools /app
ENTRYPOINT ["java", "-cp", "/app/classes:/app/lib/*", "io.switchboard.stack.cli.LocalStack"]
