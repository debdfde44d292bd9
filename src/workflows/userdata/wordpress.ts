/**
 * User data for the web servers (SPEC §3, §6, §7): installs the boot-time script
 * `sitebot-wordpress` (./bootstrap.ts) and a systemd unit that runs it at every boot until it
 * succeeds. So the AMI can be taken at any moment (its reboot interrupts nothing for good), web #2
 * booted from the AMI finishes whatever is missing, and nothing waits for the database but the
 * script. The user data must stay under EC2's 16 KB (tested).
 */
import { renderBootstrapScript } from './bootstrap';
import { validated, type UserDataParams } from './params';

/** The EC2 user data: installs the bootstrap script and its systemd unit, then starts it. */
export function renderUserData(input: UserDataParams): string {
  const p = validated(input);
  const root = p.root ?? '';
  return `#!/bin/bash
# sitebot user data, environment ${p.env}, web server #${p.server}: installs sitebot-wordpress.service,
# which sets WordPress up at every boot until it has succeeded once.
set -euo pipefail

# Each file is renamed over its target: a copy of the bootstrap that a unit from the AMI runs keeps
# reading its own file (bash reads a script while it runs it).
put() {
  local tmp
  tmp=$(mktemp "$1.XXXXXX")
  cat >"$tmp"
  chmod "$2" "$tmp"
  mv -f "$tmp" "$1"
}

install -d -m 0755 ${root}/usr/local/sbin ${root}/etc/systemd/system
put ${root}/usr/local/sbin/sitebot-wordpress 0755 <<'SITEBOT_BOOTSTRAP'
${renderBootstrapScript(p)}SITEBOT_BOOTSTRAP

# After cloud-final: on web #2 the unit that came with web #1's AMI starts only once this user
# data has put web #2's own script in place.
put ${root}/etc/systemd/system/sitebot-wordpress.service 0644 <<'SITEBOT_UNIT'
[Unit]
Description=sitebot: install and configure WordPress
Wants=network-online.target
After=network-online.target cloud-final.service
StartLimitIntervalSec=0

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/usr/local/sbin/sitebot-wordpress
Restart=on-failure
RestartSec=15
TimeoutStartSec=infinity

[Install]
WantedBy=multi-user.target
SITEBOT_UNIT

systemctl daemon-reload
systemctl enable sitebot-wordpress.service
# Not waiting here: cloud-init finishes while the unit keeps going (and resumes after a reboot).
systemctl start --no-block sitebot-wordpress.service
`;
}
