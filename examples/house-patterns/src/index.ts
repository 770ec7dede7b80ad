// ACME's house patterns: what every team namespace and every card-data zone gets.
export { TeamNamespace, TeamNamespaceProps } from './team-namespace';
export { PciZone, PciZoneProps, PciClient } from './pci-zone';
