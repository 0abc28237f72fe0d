// Every kind of host the scan-file generators put on the made-up hospital network, with the
// relative weight of each kind (workstations and devices outnumber servers).
import type { HostProfile } from './scan-host-services.ts';
import { DEVICE_PROFILES } from './scan-host-profiles-devices.ts';
import { WINDOWS_PROFILES } from './scan-host-profiles-windows.ts';

export const HOST_PROFILES: readonly HostProfile[] = [...WINDOWS_PROFILES, ...DEVICE_PROFILES];
