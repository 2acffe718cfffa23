#!/usr/bin/env bash
# npm run test:ha — the OCF agent under a real Pacemaker (Debian's pacemaker and corosync), on a
# one-node cluster this script starts itself (no systemd), driving an emulated SCST host:
#   ocf-tester and the OCF 1.1 schema on the agent; the promotable clone promoted; a forced
#   failure (iscsi-scstd gone) recovered, timed from the failure to the node active again;
#   demotion and stop, each with the ALUA states they must leave.
# It installs what it needs (root), refuses to touch a cluster it did not create, and stops its
# cluster when it ends. Prints "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CLI=(node "$ROOT/bin/run.js")
LAB=$(mktemp -d "${TMPDIR:-/tmp}/scst-ha-lab.XXXXXX")
MARKER=/var/lib/pacemaker/.scstadmin-ts-lab
PASSED=0
FAILED=0

say() { printf '%s\n' "$*"; }
ok() { PASSED=$((PASSED + 1)); say "ok: $*"; }
fail() { FAILED=$((FAILED + 1)); say "FAILED: $*"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else fail "$what"; fi; }

[ "$(id -u)" = 0 ] || { say "test:ha runs a cluster and installs packages: run it as root"; exit 2; }

need=()
for tool in corosync:corosync pacemakerd:pacemaker crm_mon:pacemaker-cli-utils ocf-tester:resource-agents xmllint:libxml2-utils; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool##*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || { say "could not install ${need[*]}"; exit 2; }
fi
[ -f "$ROOT/dist/src/ha/agent.js" ] || npm run build >/dev/null

if pgrep -x pacemakerd >/dev/null || pgrep -x corosync >/dev/null; then
  say "a cluster is already running here: test:ha only runs on a host without one"; exit 2
fi
if [ -f /var/lib/pacemaker/cib/cib.xml ] && [ ! -f "$MARKER" ]; then
  say "/var/lib/pacemaker/cib holds a cluster configuration this script did not create: not touching it"; exit 2
fi

COROSYNC_CONF=/etc/corosync/corosync.conf
[ -f "$COROSYNC_CONF" ] && cp -p "$COROSYNC_CONF" "$LAB/corosync.conf.saved"
cleanup() {
  pkill -x pacemakerd 2>/dev/null; sleep 2; pkill -f '/usr/lib/pacemaker/pacemaker-' 2>/dev/null
  pkill -x corosync 2>/dev/null
  if [ -f "$LAB/corosync.conf.saved" ]; then cp -p "$LAB/corosync.conf.saved" "$COROSYNC_CONF"; fi
  rm -rf "$LAB"
}
trap cleanup EXIT

# --- the emulated SCST host and its configuration ----------------------------------------------
STATE=$LAB/host.json
CONF=$LAB/scst.conf
sim() { "${CLI[@]}" "$@" --simulate="$STATE"; }
sim simulate create --force >/dev/null
for d in d1 d2; do sim simulate file "/srv/ha/$d.img" --size 64M >/dev/null; done
cat > "$CONF" <<CONF
HANDLER vdisk_fileio {
	DEVICE d1 {
		filename /srv/ha/d1.img
	}
	DEVICE d2 {
		filename /srv/ha/d2.img
	}
}

TARGET_DRIVER iscsi {
	enabled 1

	TARGET iqn.2031-04.test.ha:node-a {
		LUN 0 d1
		LUN 1 d2
		enabled 1
		rel_tgt_id 1
	}
}

DEVICE_GROUP dg1 {
	DEVICE d1
	DEVICE d2

	TARGET_GROUP tg_a {
		group_id 1
		TARGET iqn.2031-04.test.ha:node-a
	}

	TARGET_GROUP tg_b {
		group_id 2
		TARGET iqn.2031-04.test.ha:node-b {
			rel_tgt_id 2
		}
	}
}
CONF
# "tg_a tg_b" states of dg1 as the emulated kernel reports them ("" when the group is gone).
alua() { sim show device_groups/dg1 --json 2>/dev/null | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    const dg = JSON.parse(s).deviceGroups?.dg1; if (!dg) return console.log("");
    console.log(["tg_a", "tg_b"].map((t) => dg.targetGroups[t]?.attributes?.state?.at(-1) ?? "-").join(" "));
  });'; }

# --- the agent alone: install, schema, ocf-tester ----------------------------------------------
"${CLI[@]}" install-ocf >/dev/null
AGENT=/usr/lib/ocf/resource.d/scstadmin-ts/scst
check "install-ocf puts an executable agent where Pacemaker looks" test -x "$AGENT"
check "meta-data is valid against the OCF 1.1 schema" bash -c "'$AGENT' meta-data | xmllint --noout --relaxng /usr/share/resource-agents/metadata.rng - 2>/dev/null"
TESTER_STATE=$LAB/tester.json
"${CLI[@]}" simulate create --force --simulate="$TESTER_STATE" >/dev/null
for d in d1 d2; do "${CLI[@]}" simulate file "/srv/ha/$d.img" --size 64M --simulate="$TESTER_STATE" >/dev/null; done
check "ocf-tester passes" bash -c "ocf-tester -n scst-tester -o config='$CONF' -o device_groups=dg1 -o local_target_group=tg_a -o remote_target_group=tg_b -o simulate='$TESTER_STATE' '$AGENT' > '$LAB/ocf-tester.log' 2>&1"
grep -q 'passed all tests' "$LAB/ocf-tester.log" || sed 's/^/  ocf-tester: /' "$LAB/ocf-tester.log"

# --- a one-node cluster -----------------------------------------------------------------------
cat > "$COROSYNC_CONF" <<'EOF2'
totem {
	version: 2
	cluster_name: scstlab
	transport: knet
	crypto_cipher: none
	crypto_hash: none
}
nodelist {
	node {
		ring0_addr: 127.0.0.1
		name: node-a
		nodeid: 1
	}
}
quorum {
	provider: corosync_votequorum
}
logging {
	to_stderr: no
	to_syslog: no
}
EOF2
mkdir -p /var/lib/pacemaker && touch "$MARKER"
rm -f /var/lib/pacemaker/cib/cib* 2>/dev/null
corosync -f >"$LAB/corosync.out" 2>&1 &
sleep 2
pacemakerd >"$LAB/pacemakerd.out" 2>&1 &
wait_for() { # seconds, description, command…
  local limit=$1 what=$2; shift 2
  local end=$((SECONDS + limit))
  until "$@"; do
    if [ $SECONDS -ge $end ]; then fail "$what (not within ${limit} s)"; return 1; fi
    sleep 0.5
  done
  ok "$what"
}
wait_for 120 "the cluster elects node-a" bash -c "crm_mon -1 2>/dev/null | grep -q 'Current DC: node-a'"
crm_attribute --type crm_config --name stonith-enabled --update false
crm_attribute --type crm_config --name no-quorum-policy --update ignore
cibadmin --create -o resources --xml-text "
<clone id='scst-clone'>
  <meta_attributes id='scst-clone-meta'>
    <nvpair id='scst-clone-promotable' name='promotable' value='true'/>
    <nvpair id='scst-clone-promoted-max' name='promoted-max' value='1'/>
    <nvpair id='scst-clone-notify' name='notify' value='true'/>
  </meta_attributes>
  <primitive id='scst' class='ocf' provider='scstadmin-ts' type='scst'>
    <instance_attributes id='scst-params'>
      <nvpair id='scst-config' name='config' value='$CONF'/>
      <nvpair id='scst-dgs' name='device_groups' value='dg1'/>
      <nvpair id='scst-ltg' name='local_target_group' value='tg_a'/>
      <nvpair id='scst-rtg' name='remote_target_group' value='tg_b'/>
      <nvpair id='scst-sim' name='simulate' value='$STATE'/>
    </instance_attributes>
    <operations>
      <op id='scst-mon-p' name='monitor' interval='2s' role='Promoted' timeout='30s'/>
      <op id='scst-mon-u' name='monitor' interval='3s' role='Unpromoted' timeout='30s'/>
    </operations>
  </primitive>
</clone>"

# The clone's role on node-a as Pacemaker reports it: Promoted, Unpromoted, or nothing when stopped.
role() { crm_resource --resource scst-clone --locate 2>/dev/null | sed -n 's/.*running on: node-a *//p'; }
promoted() { [ "$(role)" = Promoted ]; }
wait_for 180 "Pacemaker starts and promotes the clone" promoted
alua_is() { [ "$(alua)" = "$1" ]; }
# Pacemaker may report the role a moment before the emulated host's state file has the last write.
wait_for 30 "promoted: tg_a active, tg_b standby" alua_is "active standby"

# A forced failure: iscsi-scstd goes away. Monitor fails, Pacemaker recovers the clone.
sim simulate daemon absent >/dev/null
failed_at=$(date +%s.%N)
recovered() { promoted && [ "$(alua)" = "active standby" ] && [ "$(sim simulate status 2>/dev/null | grep -c 'iscsi-scstd: *running')" = 1 ]; }
seen_failure() { crm_mon -1 --include=failcounts 2>/dev/null | grep -q 'fail-count=[1-9]'; }
wait_for 120 "Pacemaker sees the failure" seen_failure
wait_for 180 "Pacemaker recovers: daemon running, node promoted, tg_a active again" recovered
recovered_at=$(date +%s.%N)
RECOVERY=$(node -e "console.log((${recovered_at} - ${failed_at}).toFixed(1))")
say "figure: failure (iscsi-scstd gone) to node-a active again: ${RECOVERY} s (monitor interval 2 s)"

# Demote (target-role Unpromoted), then stop (target-role Stopped).
crm_resource --resource scst-clone --meta --set-parameter target-role --parameter-value Unpromoted >/dev/null
unpromoted() { crm_resource --resource scst-clone --locate 2>/dev/null | grep -q 'running on: node-a *$'; }
wait_for 120 "Pacemaker demotes the clone" unpromoted
wait_for 30 "demoted: tg_a standby, tg_b standby" alua_is "standby standby"
crm_resource --resource scst-clone --meta --set-parameter target-role --parameter-value Stopped >/dev/null
stopped() { crm_resource --resource scst-clone --locate 2>&1 | grep -q 'NOT running' && [ -z "$(alua)" ]; }
wait_for 120 "Pacemaker stops the clone: the configuration is removed" stopped
env OCF_RESKEY_config="$CONF" OCF_RESKEY_device_groups=dg1 OCF_RESKEY_local_target_group=tg_a OCF_RESKEY_remote_target_group=tg_b OCF_RESKEY_simulate="$STATE" "$AGENT" monitor
check "monitor after stop: not running (7)" test $? = 7

say "${PASSED} passed, ${FAILED} failed"
[ "$FAILED" = 0 ]
