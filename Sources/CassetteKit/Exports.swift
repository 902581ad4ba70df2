// `import CassetteKit` gives the whole core: the layers below are re-exported so users' imports
// keep working after the split into targets (see README "Layout").
@_exported import CassetteAudit
@_exported import CassetteFormat
@_exported import CassetteMatching
@_exported import CassetteProviders
@_exported import CassetteRecording
@_exported import CassetteRedaction
