#!/bin/bash
# Runs every tests/stress/*.py under the interpreter given as $2 (after
# --interp): each must exit 0 and print "ok" last. Repeats each 3 times
# since races show up by chance.
set -u
interp="$2"
dir="$(dirname "$0")/stress"
passed=0
failed=0
for script in "$dir"/*.py; do
  for run in 1 2 3; do
    out=$(timeout 120 "$interp" "$script" 2>&1)
    status=$?
    if [ $status -eq 0 ] && [ "$(printf '%s\n' "$out" | tail -n 1)" = "ok" ]; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      echo "FAIL $(basename "$script") run $run: exit $status"
      # A sanitizer report names both sides of a race at its start; else
      # the end of the output says what went wrong.
      if printf '%s\n' "$out" | grep -q "WARNING: ThreadSanitizer"; then
        printf '%s\n' "$out" | sed -n '/WARNING: ThreadSanitizer/,$p' | head -n 60
      else
        printf '%s\n' "$out" | tail -n 20
      fi
    fi
  done
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
