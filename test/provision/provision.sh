#!/bin/sh
# A provisioning script as an admin writes one: single-object commands only, each idempotent,
# so the script can run again at any time and changes nothing the second time.
# Run by test/cli/provisioning.test.ts against an emulated host (its scstadmin-ts on PATH adds
# --simulate); every command saves its change to SCST_CONF.
set -eu
s() { scstadmin-ts "$@"; }

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

# --- access: initiator groups, CHAP, portals, ALUA (the access commands) -----------------------

# --- enable last ------------------------------------------------------------------------------
s enable-target "$STORE"
s enable-target "$BACKUP"
s enable-driver iscsi
