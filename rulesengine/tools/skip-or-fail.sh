#!/bin/sh
# A test group cannot run because a tool is missing: say so and how to install
# it; with CI=true fail instead (exit 1), so that a skip cannot hide in CI.
#   rulesengine/tools/skip-or-fail.sh "<what is skipped>" "<what is missing and how to install it>"
what=$1
missing=$2
case "${CI:-}" in
  true|TRUE|True)
    echo "ERROR: CI=true and $what would be skipped: $missing" >&2
    exit 1
    ;;
esac
echo "SKIPPED $what: $missing"
