// Go's own cmd/go script-test scenarios about download failures that `go mod download` cannot
// reproduce, and why. The reproduced ones are tests in test/integration/goScenarios.test.ts; the
// row ids are those of docs/go-scenarios.md. docs/coverage.md lists these (the class suite writes it).

export const GO_SCENARIOS_NOT_REPRODUCED: readonly { why: string; rows: string[] }[] = [
  { why: 'package→module resolution, retractions, upgrades: `go mod tidy`/`go get`/`go list -m -u` only', rows: ['A10', 'A13', 'A23'] },
  { why: 'an explicit `go mod download` argument, or a `go get` flag or query, that the product never passes', rows: ['H2', 'G4', 'I12'] },
  { why: '`go mod verify` only', rows: ['D7', 'D8'] },
  { why: 'Mercurial or Subversion servers and tools (not installed here)', rows: ['E10', 'E18'] },
  { why: 'Windows only', rows: ['B9'] },
  { why: 'not a download (VCS stamping), or no failure expected', rows: ['E20', 'D14'] },
  { why: 'a named plain-http-only host: needs ports 80/443 on the machine', rows: ['G3'] },
];
