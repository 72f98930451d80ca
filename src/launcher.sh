#!/bin/sh
# The `squadtui` command. On a terminal it is the window: node (bin.js) finds or starts the squad's
# host and asks it to take this terminal over, then exits; this shell stays as the terminal's
# foreground job (about 2 MB where a node window holds 47 MB), tells the host of resizes and
# signals, runs the editor the host asks for, and puts the terminal back whatever ends the host.
# As tmux's client does, only the server reads and draws the terminal. Elsewhere (no terminal, a
# host that cannot open it) node does everything itself, as `node bin.js` does.

self=$0
while [ -L "$self" ]; do
  link=$(readlink "$self")
  case $link in
    /*) self=$link ;;
    *) self=${self%/*}/$link ;;
  esac
done
js=${self%/*}/bin.js

if [ ! -t 0 ] || [ ! -t 1 ] || [ -n "${SQUADTUI_NO_HANDOFF:-}" ]; then exec node "$js" "$@"; fi
# Nothing to hand over: a squad in this process (--no-host), or a command that opens no window.
case " $* " in *" --no-host "*) exec node "$js" "$@" ;; esac
case ${1-} in ls | stop | task | config | mcp | help | -h | --help | -v | --version) exec node "$js" "$@" ;; esac
tty=$(tty) || exec node "$js" "$@"
dir=$(mktemp -d "${TMPDIR:-/tmp}/squadtui-window.XXXXXX") || exec node "$js" "$@"
if ! mkfifo "$dir/events" "$dir/replies"; then
  rm -rf "$dir"
  exec node "$js" "$@"
fi
saved=$(stty -g)
trap 'rm -rf "$dir"' EXIT

# Puts the terminal back as it was found, and says what the host asked for or left behind.
finish() {
  stty "$saved" 2>/dev/null
  [ -f "$dir/restore" ] && cat "$dir/restore"
  [ -n "$2" ] && printf 'squadtui: %s\n' "$2" >&2
  exit "$1"
}

# Node, until it has handed the terminal over (or for the whole run, where it could not). It runs
# in the background so that a signal sent to this shell reaches it; the terminal is its stdin.
exec 3<>"$dir/events" 5<&0
interrupted=
# A signal that comes as node hands over is kept for the host (below): it would be lost otherwise.
pending=
trap 'interrupted=1; pending=143; kill -TERM "$child" 2>/dev/null' TERM
trap 'interrupted=1; pending=129; kill -HUP "$child" 2>/dev/null' HUP
trap 'interrupted=1' INT
SQUADTUI_HANDOFF=$dir SQUADTUI_TTY=$tty SQUADTUI_WINDOW_PID=$$ node "$js" "$@" 0<&5 3>&- 5<&- &
child=$!
while :; do
  interrupted=
  wait "$child"
  code=$?
  [ -n "$interrupted" ] && kill -0 "$child" 2>/dev/null && continue
  break
done
# 75: handed over; the host's pid is in $dir/host.
if [ "$code" -ne 75 ] || ! read -r host <"$dir/host"; then exit "$code"; fi

# The host holds the replies open while it has this terminal: end of file there means it is gone.
# Opened read-only, a pipe waits for a writer, forever if the host died just now: this shell is
# one (read-write) for as long as it takes to open it.
kill -0 "$host" 2>/dev/null || finish 1 "$(cat "$dir/gone")"
exec 4<>"$dir/replies"
exec 6<"$dir/replies" 4>&- 5<&-
printf 'ready\n' >&3
trap 'printf "winch\n" >&3; interrupted=1' WINCH
# Stopped from outside (SIGTSTP): the host lets go of the terminal first; SIGCONT gives it back.
trap 'printf "stop\n" >&3; kill -STOP $$; interrupted=1' TSTP
trap 'printf "cont\n" >&3; interrupted=1' CONT
# Signals that end the window: the host lets it go, and the terminal is put back (finish).
trap 'printf "end 143\n" >&3; interrupted=1' TERM
trap 'printf "end 130\n" >&3; interrupted=1' INT
trap 'printf "end 129\n" >&3; interrupted=1' HUP
if [ -n "$pending" ]; then printf 'end %s\n' "$pending" >&3; fi
while :; do
  interrupted=
  if IFS= read -r line <&6; then
    case $line in
      exit\ *)
        rest=${line#exit }
        finish "${rest%% *}" "${rest#* }"
        ;;
      edit\ *)
        # The host wrote it with every word quoted for the shell. In a subshell, so that the pipes
        # are closed for the editor only: a signal's trap, run once it ends, still writes to them.
        (
          exec 3>&- 6<&-
          eval "${line#edit }"
        )
        printf 'edited %s\n' "$?" >&3
        ;;
    esac
  elif [ -z "$interrupted" ]; then
    finish 1 "$(cat "$dir/gone")"
  fi
done
