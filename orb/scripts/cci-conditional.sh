#!/usr/bin/env bash
# Runs cci-conditional with the options the orb's parameters set, and no other: a parameter left
# at its default passes nothing, so cci-conditional reads its own defaults and the
# CCI_CONDITIONAL_* variables of the job or its contexts exactly as `npx cci-conditional` does
# without the orb (the token from --token-env, else CIRCLE_API_TOKEN, else CIRCLE_TOKEN; the
# host from --host, else CCI_CONDITIONAL_HOST, else https://circleci.com).
#
# The step's environment says what to pass:
#   CCIC_COMMAND        run or doctor
#   CCIC_VALUE_<NAME>   an option with a value: --<name>=<value> unless it is empty
#   CCIC_SWITCH_<NAME>  a switch: --<name> when it is on, `true` or `1` (CircleCI writes a
#                       boolean parameter into the environment as 1 or 0);
#                       CCIC_SWITCH_NO_LOOP_GUARD is --no-loop-guard
# <NAME> is the option's name in capitals with _ for -: CCIC_VALUE_TOKEN_ENV is --token-env.
set -euo pipefail

# The cci-conditional release this orb version runs: the orb and the npm package are released
# together under one version number (test/orb.test.ts holds this line to package.json).
package=cci-conditional@1.0.0

# DRY_RUN → --dry-run (tr rather than ${1,,}: macOS executors run bash 3.2)
option_of() {
  printf -- '--%s' "$(printf '%s' "$1" | tr 'A-Z_' 'a-z-')"
}

args=()
case "${CCIC_COMMAND:-run}" in
  run) ;;
  doctor) args+=(doctor) ;;
  *)
    echo "error: CCIC_COMMAND=${CCIC_COMMAND} is neither run nor doctor" >&2
    exit 2
    ;;
esac
for variable in $(compgen -e -- CCIC_VALUE_ || true); do
  value=${!variable}
  if [ -n "$value" ]; then args+=("$(option_of "${variable#CCIC_VALUE_}")=${value}"); fi
done
for variable in $(compgen -e -- CCIC_SWITCH_ || true); do
  case "${!variable}" in
    true | 1) args+=("$(option_of "${variable#CCIC_SWITCH_}")") ;;
  esac
done

# ${args[@]+...}: bash 3.2 calls an empty array unbound under set -u
exec npx --yes "$package" ${args[@]+"${args[@]}"}
