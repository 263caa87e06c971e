import fs from 'node:fs';

/** Whether this process holds `file` open (a descriptor in /proc/self/fd points at it). */
export function isOpen(file: string): boolean {
  return fs.readdirSync('/proc/self/fd').some((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false; // closed since the listing
    }
  });
}
