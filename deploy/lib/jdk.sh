# Sourced by ./switchboard and deploy/image/build.sh: pick_jdk exports JAVA_HOME as a JDK 21 or newer.
java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1; }

# Use JAVA_HOME when it is a JDK 21+, else the newest JDK 21+ found in the usual places.
pick_jdk() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/javac" ]] && (( $(java_major "$JAVA_HOME/bin/java") >= 21 )); then
    return
  fi
  local best="" best_major=0 candidate major
  for candidate in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [[ -x "$candidate/bin/javac" ]] || continue
    major=$(java_major "$candidate/bin/java" || echo 0)
    if (( major >= 21 && major > best_major )); then best="$candidate"; best_major=$major; fi
  done
  if [[ -z "$best" ]]; then
    echo "Switchboard needs a JDK 21 or newer: install one or set JAVA_HOME." >&2
    exit 1
  fi
  export JAVA_HOME="$best"
}

