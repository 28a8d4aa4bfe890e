/** Re-export of the host census types and diff, which live in @flotilla/shared so the master can use them. */
export { diffCensus, socketKey } from "@flotilla/shared";
export type { Census, CensusDiff, CensusOs, CensusPackage, CensusSocket, CensusUser } from "@flotilla/shared";
