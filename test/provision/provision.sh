#!/bin/sh
# A provisioning script as an admin writes one: single-object commands only, each idempotent,
# so the script can run again at any time and changes nothing the second time.
# Run by test/cli/provisioning.test.ts against an emulated host (its scstadmin-ts on PATH adds
# --simulate); every command saves its change to SCST_CONF.
set -eu
s() { scstadmin-ts "$@"; }
# CHAP secrets are files in this directory, one per user (never on the command line).
: "${SECRETS:?set SECRETS to the directory of the CHAP secret files}"

STORE=iqn.2031-04.test.lab:store
BACKUP=iqn.2031-04.test.lab:backup

# --- devices ----------------------------------------------------------------------------------
s add-device disk1 --handler vdisk_fileio --file /srv/disk1.img --usn DISK1 --no-rotational
s add-device disk2 --handler vdisk_fileio --file /srv/disk2.img --blocksize 4096 --thin
s add-device vol1 --handler vdisk_blockio --file /dev/vg0/vol1 --write-through
s add-device null1 --handler vdisk_nullio --size 1G
s add-device cd1 --handler vcdrom
s insert-media cd1 /srv/debian.iso
s set-device disk1 prod_id=LAB t10_vend_id=EXAMPLE

# --- targets ----------------------------------------------------------------------------------
s add-target "$STORE" rel_tgt_id=1
s add-target "$BACKUP" rel_tgt_id=2 HeaderDigest=CRC32C
s set-target "$STORE" QueuedCommands=64

# --- LUNs -------------------------------------------------------------------------------------
s add-lun "$STORE" disk1
s add-lun "$STORE" vol1
s add-lun "$STORE" cd1 --read-only
s add-lun "$BACKUP" null1 --lun 3
s add-lun "$BACKUP" disk2 --lun 4 --read-only

# --- access: initiator groups with names and patterns, their own LUNs, allowed portals ----------
s add-group "$STORE" hosts
s add-initiator "$STORE" hosts iqn.1993-08.org.debian:01:host1
s add-initiator "$STORE" hosts iqn.1993-08.org.debian:01:host2
s add-initiator "$STORE" hosts 'iqn.1993-08.org.debian:01:web*'
s add-lun "$STORE" disk2 --group hosts --lun 0 --read-only
s add-lun "$STORE" vol1 --group hosts --lun 1
s add-group "$BACKUP" backup
s add-initiator "$BACKUP" backup '!iqn.2005-03.org.backup:test?'
s add-initiator "$BACKUP" backup 'iqn.2005-03.org.backup:*'
s add-lun "$BACKUP" null1 --group backup --lun 0
s allow-portal "$STORE" '192.0.2.*'
s allow-portal "$BACKUP" '10.1.0.*'

# --- CHAP: incoming and outgoing, on targets and on discovery (secrets from files) -------------
s add-chap-user alice --target "$STORE" --secret-file "$SECRETS/alice"
s add-chap-user bob --target "$STORE" --secret-file "$SECRETS/bob"
s add-chap-user store --target "$STORE" --outgoing --secret-file "$SECRETS/store"
s add-chap-user backup1 --target "$BACKUP" --secret-file "$SECRETS/backup1"
s add-chap-user backup2 --target "$BACKUP" --secret-file "$SECRETS/backup2"
s add-chap-user disco --discovery --secret-file "$SECRETS/disco"
s add-chap-user portal --discovery --outgoing --secret-file "$SECRETS/portal"

# --- ALUA: this node's store target active, the partner node's port standby ------------------
s add-device-group dg1
s add-group-member dg1 disk1
s add-group-member dg1 vol1
s add-target-group dg1 local --group-id 1
s add-group-member dg1 "$STORE" --target-group local
s add-target-group dg1 remote --group-id 2
s add-group-member dg1 iqn.2031-04.test.lab:partner --target-group remote --rel-tgt-id 11
s set-alua-state dg1 local active --preferred
s set-alua-state dg1 remote standby

# --- enable last ------------------------------------------------------------------------------
s enable-target "$STORE"
s enable-target "$BACKUP"
s enable-driver iscsi
