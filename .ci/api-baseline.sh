#!/usr/bin/env bash
# Builds the bundles that export API packages as they were at the commit in docs/api-baseline.ref (or the
# commit given as the first argument) and installs them into the local Maven repository as version
# 0.0.0-baseline, the base the build's semantic-version check (bnd-baseline-maven-plugin) compares with.
# Their Bundle-Version becomes 0.0.0, so only the packages' versions are held to account while the bundles
# themselves stay 0.x snapshots. Pass -Dmaven.repo.local=… in MAVEN_ARGS to use another local repository.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ref=${1:-$(grep -v '^#' "$root/docs/api-baseline.ref" | head -1)}
version=0.0.0-baseline
work=$(mktemp -d)
cleanup() {
    git -C "$root" worktree remove --force "$work/src" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

git -C "$root" worktree add --detach --quiet "$work/src" "$ref"
modules=()
for m in core calendar promises-api handover-api survey-api escalation-api connector-api; do
    [ -f "$work/src/bundles/$m/pom.xml" ] && modules+=("bundles/$m")
done
list=$(IFS=,; echo "${modules[*]}")
# shellcheck disable=SC2086
mvn -B -ntp -q ${MAVEN_ARGS:-} -f "$work/src/pom.xml" -pl "$list" -am -DskipTests package

for m in "${modules[@]}"; do
    artifact=$(sed -n 's:.*<artifactId>\(omotenashi-[a-z-]*\)</artifactId>.*:\1:p' "$work/src/$m/pom.xml" | sed -n 2p)
    jar=$(ls "$work/src/$m"/target/"$artifact"-*.jar | grep -v sources | head -1)
    mkdir -p "$work/manifest/$m"
    (cd "$work/manifest/$m" && unzip -q -o "$jar" META-INF/MANIFEST.MF \
        && sed -i 's/^Bundle-Version: .*/Bundle-Version: 0.0.0/' META-INF/MANIFEST.MF \
        && zip -q "$jar" META-INF/MANIFEST.MF)
    # shellcheck disable=SC2086
    mvn -B -ntp -q ${MAVEN_ARGS:-} install:install-file -Dfile="$jar" -DgroupId=org.omotenashi -DartifactId="$artifact" \
        -Dversion="$version" -Dpackaging=jar -DgeneratePom=true
    echo "API baseline: $artifact at $ref installed as $version"
done
