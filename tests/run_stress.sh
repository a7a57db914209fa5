#!/bin/bash
# Runs every tests/stress/*.py under the interpreter given as $2 (after
# --interp): each must exit 0 and print "ok" last. Repeats each 3 times
# since races show up by chance. A script whose first line says
# "stress: sigquit" gets SIGQUIT every 20 ms from its first line of output
# on, and must have printed the stack dump.
set -u
interp="$2"
dir="$(dirname "$0")/stress"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

# Runs $1 with SIGQUITs; sets out, status and last (stdout's last line).
run_with_sigquit() {
  # The previous run's output must not pass for this one's first line: the
  # shell truncates it only once the child runs, after the wait below began.
  rm -f "$tmp/out" "$tmp/err"
  "$interp" "$1" >"$tmp/out" 2>"$tmp/err" &
  local pid=$! ticks=0
  # Before its first line the interpreter may not handle the signal yet.
  while kill -0 "$pid" 2>/dev/null && [ ! -s "$tmp/out" ]; do sleep 0.01; done
  while kill -0 "$pid" 2>/dev/null; do
    kill -QUIT "$pid" 2>/dev/null
    sleep 0.02
    ticks=$((ticks + 1))
    [ $ticks -gt 6000 ] && kill -KILL "$pid" 2>/dev/null  # 120 s
  done
  wait "$pid"
  status=$?
  last="$(tail -n 1 "$tmp/out")"
  # Without the dumps' lines, which would bury an error.
  out="$(cat "$tmp/out"; grep -Ev '^(Stacks of all Python threads|Thread [0-9]+ \(native id|  File ".*", line [0-9]+ in |  <no Python frame>|$)' "$tmp/err")"
  if ! grep -q "^Stacks of all Python threads" "$tmp/err"; then
    last="no stack dump on stderr"
  fi
}

for script in "$dir"/*.py; do
  for run in 1 2 3; do
    if head -n 1 "$script" | grep -q "stress: sigquit"; then
      run_with_sigquit "$script"
    else
      out=$(timeout 120 "$interp" "$script" 2>&1)
      status=$?
      last="$(printf '%s\n' "$out" | tail -n 1)"
    fi
    if [ $status -eq 0 ] && [ "$last" = "ok" ]; then
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
