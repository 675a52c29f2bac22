#!/usr/bin/env bash
# Slurm side by side (issue 6): runs Debian's Slurm on this machine the way bench/run runs openll and
# prints markdown table rows (| benchmark | figure | detail |) on stdout, notes on stderr.
#   bench/slurm.sh N CPUS LOOP
#     N     tasks of `sbatch --array=1-N --wrap=/bin/true`, timed from the sbatch call until squeue
#           shows none of them left
#     CPUS  CPUs (slots) of the single Slurm node: give it the openll run's slots
#     LOOP  `sbatch --hold` calls in the shell-loop figure (the held jobs are cancelled afterwards)
# Needs root. Installs slurmctld, slurmd, slurm-client and munge (and iproute2) with apt-get when missing.
# Everything runs in a throw-away folder, in a network and PID namespace of its own with only the
# loopback interface (`unshare`): munged with a fresh key on its own socket, slurmctld and slurmd
# with a single-node slurm.conf tuned for throughput (no accounting, no job completion log,
# proctrack/linuxproc, task/none, sched/builtin, a scheduling pass at every job's end through an
# epilog of /bin/true). When the namespace's first process ends, the kernel ends whatever is left
# in it, so no daemon outlives the run.
# BENCH_SLURM_SCHED replaces SchedulerParameters. `defer` measured 2-7 times slower here (it leaves
# the freed CPUs to slurmctld's once-a-second pass), so the default leaves it out.
# Exits 3 with one line on stderr when Slurm cannot be had (not root, or apt-get failed).
set -euo pipefail

if [ "${1:-}" = --inside ]; then
  shift
  n="$1" cpus="$2" loop="$3" dir="$4"
  ip link set lo up
  # Slurm resolves its listening address with AI_ADDRCONFIG, which ignores 127.0.0.1 alone: a second
  # loopback address lets it bind in a namespace that has nothing but lo
  ip addr add 127.0.0.2/8 dev lo
  conf="$dir/slurm.conf"
  export SLURM_CONF="$conf"
  mkdir -p "$dir/state" "$dir/spool" "$dir/munge" "$dir/jobs"
  chmod 700 "$dir/munge"
  head -c 1024 /dev/urandom > "$dir/munge/munge.key"
  chmod 400 "$dir/munge/munge.key"
  cat > "$conf" <<EOF
ClusterName=bench
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=6817
SlurmdPort=6818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
SlurmctldDebug=error
SlurmdDebug=error
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SchedulerParameters=${BENCH_SLURM_SCHED:-batch_sched_delay=0,sched_min_interval=0,default_queue_depth=1000}
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
ReturnToService=2
MaxJobCount=1000000
MaxArraySize=1000001
MinJobAge=600
InactiveLimit=0
KillWait=5
# An epilog, even /bin/true, makes slurmd report each job's end with MESSAGE_EPILOG_COMPLETE, whose
# handler runs the scheduler at once; without one the freed CPU waited for slurmctld's background
# pass, once a second (2 slots: 2.9 -> 12.7 jobs/s)
Epilog=/bin/true
MessageTimeout=30
NodeName=bench NodeAddr=127.0.0.1 NodeHostname=localhost CPUs=$cpus State=UNKNOWN
PartitionName=bench Nodes=bench Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
EOF
  munged --force --socket="$dir/munge/socket" --key-file="$dir/munge/munge.key" \
    --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/seed"
  slurmctld -D -f "$conf" > "$dir/slurmctld.out" 2>&1 &
  ctld=$!
  slurmd -D -N bench -f "$conf" > "$dir/slurmd.out" 2>&1 &
  slurmd_pid=$!
  stop() {
    kill "$slurmd_pid" "$ctld" 2>/dev/null || true
    wait "$slurmd_pid" "$ctld" 2>/dev/null || true
    munged --stop --socket="$dir/munge/socket" >/dev/null 2>&1 || true
  }
  trap stop EXIT

  deadline=$(( $(date +%s) + 60 ))
  until sinfo -h -N -o %t 2>/dev/null | grep -qx idle; do
    if [ "$(date +%s)" -gt "$deadline" ] || ! kill -0 "$ctld" "$slurmd_pid" 2>/dev/null; then
      echo "slurm: the node did not become idle (sinfo: $(sinfo -h -N -o '%t %E' 2>&1 | head -n 1))" >&2
      tail -n 5 "$dir/slurmctld.log" "$dir/slurmd.log" "$dir/slurmctld.out" "$dir/slurmd.out" >&2 2>/dev/null || true
      exit 1
    fi
    sleep 0.2
  done
  echo "slurm: $(slurmctld -V), 1 node of $cpus CPUs, up" >&2

  ms_now() { echo $(( $(date +%s%N) / 1000000 )); }
  # CPU ms of every process of this PID namespace, with what they reaped (slurmstepd, squeue): with
  # /proc mounted for the namespace that is all of Slurm and nothing else
  ns_cpu_ms() {
    python3 -c '
import glob, os
total = 0
for stat in glob.glob("/proc/[0-9]*/stat"):
    try:
        fields = open(stat).read().rsplit(")", 1)[1].split()
    except OSError:
        continue
    total += sum(int(f) for f in fields[11:15])
print(total * 1000 // os.sysconf("SC_CLK_TCK"))'
  }
  cd "$dir/jobs"
  cpu0=$(ns_cpu_ms)
  t0=$(ms_now)
  job=$(sbatch --parsable --array=1-"$n" -o /dev/null -e /dev/null --wrap=/bin/true)
  t_submitted=$(ms_now)
  left=$n
  t_half=""
  deadline=$(( $(date +%s) + 900 ))
  last_note=$(date +%s)
  # squeue lists an array's pending tasks as one line and each started task as its own (-r: one per task)
  while [ "$left" -gt 0 ]; do
    sleep 0.2
    if [ "$(date +%s)" -gt "$deadline" ] || ! kill -0 "$ctld" "$slurmd_pid" 2>/dev/null; then
      echo "slurm: $left of $n tasks still queued after $(( $(date +%s) - t0 / 1000 )) s, or a daemon died" >&2
      exit 1
    fi
    # a busy slurmctld may time a query out: ask again rather than count nothing as done
    out=$(squeue -h -r -j "$job" -t PD,CF,R,CG,S -o %i 2>/dev/null) || continue
    left=$(grep -c . <<<"$out" || true)
    [ -z "${t_half:-}" ] && [ "$left" -le $(( n - n / 2 )) ] && t_half=$(ms_now)
    if [ $(( $(date +%s) - last_note )) -ge 2 ]; then
      echo "  slurm: $left of $n tasks left, $(squeue -h -r -j "$job" -t R,CG -o %i 2>/dev/null | wc -l) running or completing" >&2
      last_note=$(date +%s)
    fi
  done
  t_done=$(ms_now)
  cpu1=$(ns_cpu_ms)
  echo "| Slurm: sbatch --array=1-$n of /bin/true, submitted | 1 sbatch call | $(( t_submitted - t0 )) ms |"
  python3 - "$n" "$t0" "$t_done" "$(( cpu1 - cpu0 ))" "$t_half" <<'PY'
import sys
n, t0, t1, cpu, t_half = (int(a) for a in sys.argv[1:])
s = (t1 - t0) / 1000
print(f"| Slurm: sbatch --array=1-{n} of /bin/true, completed | {n / s:.1f} jobs/s | "
      f"sbatch call to none left in squeue {s:.1f} s (polled every 0.2 s) |")
half = (t1 - t_half) / 1000
last = n - n // 2
print(f"| Slurm: sbatch --array=1-{n} of /bin/true, second half | {last / half:.1f} jobs/s | "
      f"the last {last} tasks: {last} or fewer left in squeue to none, {half:.1f} s |")
print(f"| Slurm: CPU per job | {cpu / n:.0f} ms | all of Slurm's processes (daemons, slurmstepd, munged, "
      f"sbatch, the squeue polls): {cpu / 1000:.1f} s for {n} jobs |")
PY

  t0=$(ms_now)
  held=()
  for _ in $(seq "$loop"); do held+=("$(sbatch --parsable --hold -o /dev/null -e /dev/null --wrap=/bin/true)"); done
  t1=$(ms_now)
  echo "| Slurm: shell loop of $loop sbatch (held) | $(python3 -c "print(round($loop * 1000 / $(( t1 - t0 )), 1))") calls/s | $(( t1 - t0 )) ms |"
  scancel "${held[@]}"
  exit 0
fi

n="${1:?usage: bench/slurm.sh N CPUS LOOP}" cpus="${2:?}" loop="${3:?}"
if [ "$(id -u)" != 0 ]; then
  echo "slurm: not root, so no Slurm side by side (it installs Debian's Slurm and runs its daemons as root)" >&2
  exit 3
fi
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null \
    || ! command -v munged >/dev/null || ! command -v ip >/dev/null; then
  echo "slurm: installing Debian's slurmctld, slurmd, slurm-client, munge and iproute2" >&2
  apt_install() {
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      slurmctld slurmd slurm-client munge iproute2 >> /tmp/bench-slurm-apt.log 2>&1
  }
  # a machine whose package lists are missing or old needs one apt-get update first
  if ! apt_install && ! { apt-get update >> /tmp/bench-slurm-apt.log 2>&1 && apt_install; }; then
    echo "slurm: apt-get could not install Slurm (/tmp/bench-slurm-apt.log), so no Slurm side by side" >&2
    exit 3
  fi
fi
dir="$(mktemp -d /tmp/slurm-bench.XXXXXX)"
trap 'rm -rf "$dir"' EXIT
# --kill-child: should this script die, the namespace's processes die with it
unshare --net --pid --fork --mount-proc --kill-child bash "${BASH_SOURCE[0]}" --inside "$n" "$cpus" "$loop" "$dir"
