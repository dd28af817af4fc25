// The module requirement graph as `go mod graph` prints it ("a@v1 b@v2" per line, the main module
// without a version), and the two questions it answers: which requirement selected a module's
// version, and the shortest chain of requirements from the main module to it. Minimal version
// selection picks, per module path, the highest version any node of the graph requires, so the
// graph alone says what is selected and why. Pure: the engine runs go and streams its output here.

import { compareModuleVersions } from './versions';

/** A node of the graph: "path@version", or the bare path of the main module. */
export type GraphNode = string;

export interface ModGraph {
  /** The main module's path (the node without a version). */
  main: string | null;
  /** Requirements by requiring node, in the order go printed them. */
  edges: Map<GraphNode, GraphNode[]>;
  /** The selected version per module path: the highest version the graph requires. */
  selected: Map<string, string>;
}

/** "path@version" → its parts; the main module (no "@") has a null version. */
export function splitNode(node: GraphNode): { path: string; version: string | null } {
  const at = node.lastIndexOf('@');
  return at <= 0 ? { path: node, version: null } : { path: node.slice(0, at), version: node.slice(at + 1) };
}

/** The pseudo-modules go mod graph names for the go and toolchain lines. */
const NOT_MODULES = new Set(['go', 'toolchain']);

export const nodeOf = (path: string, version: string | null): GraphNode => (version ? `${path}@${version}` : path);

/** Builds the graph from go mod graph's output, line by line, as it streams (chunks may cut lines anywhere). */
export class ModGraphBuilder {
  private rest = '';
  private readonly graph: ModGraph = { main: null, edges: new Map(), selected: new Map() };
  /** Lines that are not "node node": evidence that something else was printed. */
  readonly strayLines: string[] = [];

  push(chunk: string): void {
    const text = this.rest + chunk;
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  end(): ModGraph {
    if (this.rest) this.line(this.rest);
    this.rest = '';
    return this.graph;
  }

  /** An edge known another way (a go.mod read from the module cache). */
  addEdge(from: GraphNode, to: GraphNode): void {
    const { graph } = this;
    const source = splitNode(from);
    // Go 1.21 and later print the go and toolchain versions as nodes ("m@v1 go@1.21"): not modules.
    if (NOT_MODULES.has(source.path)) return;
    if (source.version === null) graph.main ??= source.path;
    else this.select(source.path, source.version);
    const target = splitNode(to);
    if (target.version === null || NOT_MODULES.has(target.path)) return;
    this.select(target.path, target.version);
    const list = graph.edges.get(from);
    if (list) list.push(to);
    else graph.edges.set(from, [to]);
  }

  private line(raw: string): void {
    const line = raw.trim();
    if (!line) return;
    const fields = line.split(/\s+/);
    if (fields.length !== 2) {
      if (this.strayLines.length < 20) this.strayLines.push(line.slice(0, 500));
      return;
    }
    this.addEdge(fields[0]!, fields[1]!);
  }

  private select(path: string, version: string): void {
    // The main module's own path never has a selected version: it is the main module.
    if (path === this.graph.main) return;
    const current = this.graph.selected.get(path);
    if (current === undefined || compareModuleVersions(version, current) > 0) this.graph.selected.set(path, version);
  }
}

export function parseModGraph(text: string): ModGraph {
  const builder = new ModGraphBuilder();
  builder.push(text);
  return builder.end();
}

/**
 * The graph's answers, computed once: breadth first from the main module, first through selected
 * versions only (what the build uses), then through any version (a version MVS did not select still
 * has its requirements counted) for what the first walk did not reach; and who requires what.
 */
export class GraphIndex {
  private readonly viaSelected: Map<GraphNode, GraphNode | null>;
  private readonly viaAny: Map<GraphNode, GraphNode | null>;
  private readonly askers = new Map<GraphNode, GraphNode[]>();

  constructor(readonly graph: ModGraph) {
    const isSelected = (node: GraphNode) => {
      const { path, version } = splitNode(node);
      return version === null || graph.selected.get(path) === version;
    };
    this.viaSelected = breadthFirst(graph, isSelected);
    this.viaAny = breadthFirst(graph, () => true);
    for (const [from, targets] of graph.edges) {
      for (const target of targets) {
        const list = this.askers.get(target);
        if (list) {
          if (!list.includes(from)) list.push(from);
        } else this.askers.set(target, [from]);
      }
    }
  }

  /** The shortest chain of requirements from the main module to `target`, main module first. */
  chainTo(target: GraphNode): GraphNode[] | null {
    const main = this.graph.main;
    if (!main) return null;
    if (target === main) return [main];
    // A selected node reached only through unselected ones still ends its chain through them.
    for (const tree of [this.viaSelected, this.viaAny]) if (tree.has(target)) return unwind(tree, target);
    return null;
  }

  /**
   * Why a module is in the build at its version. Null when the graph does not hold it.
   * `required` is what the main module's go.mod asks for: in a pruned graph (go 1.17+) go mod graph
   * prints the main module's requirements at their selected versions, so only go.mod itself says
   * whether the main module asks for exactly this one.
   */
  why(path: string, required?: string | null): Why | null {
    const version = this.graph.selected.get(path);
    if (version === undefined) return null;
    const target = nodeOf(path, version);
    const main = this.graph.main;
    const askers = (this.askers.get(target) ?? []).filter((asker) => asker !== main || required === undefined || required === version);
    let selectedBy: GraphNode | null = null;
    if (main && askers.includes(main)) selectedBy = main;
    else if (askers.length > 0) {
      // Of those that ask for exactly this version, the one the main module reaches first.
      const depth = (node: GraphNode) => this.chainTo(node)?.length ?? Number.MAX_SAFE_INTEGER;
      selectedBy = [...askers].sort((a, b) => depth(a) - depth(b))[0]!;
    }
    return { path, version, selectedBy, chain: this.chainTo(target) };
  }
}

/** Parent of each node reached from the main module, walking only to allowed nodes. */
function breadthFirst(graph: ModGraph, allowed: (node: GraphNode) => boolean): Map<GraphNode, GraphNode | null> {
  const previous = new Map<GraphNode, GraphNode | null>();
  if (!graph.main) return previous;
  previous.set(graph.main, null);
  let frontier: GraphNode[] = [graph.main];
  while (frontier.length > 0) {
    const next: GraphNode[] = [];
    for (const node of frontier) {
      for (const child of graph.edges.get(node) ?? []) {
        if (previous.has(child) || !allowed(child)) continue;
        previous.set(child, node);
        next.push(child);
      }
    }
    frontier = next;
  }
  return previous;
}

function unwind(previous: Map<GraphNode, GraphNode | null>, last: GraphNode): GraphNode[] {
  const chain: GraphNode[] = [];
  for (let node: GraphNode | null = last; node !== null; node = previous.get(node) ?? null) chain.push(node);
  return chain.reverse();
}

export interface Why {
  path: string;
  /** The selected version. */
  version: string;
  /**
   * The requirement that selected this version: the node that asks for exactly it, the main
   * module when its go.mod does (null when nothing in the graph asks for it).
   */
  selectedBy: GraphNode | null;
  /** The shortest chain from the main module to path@version, main module first. */
  chain: GraphNode[] | null;
}

/** The chain as one line: "example.com/app → example.com/raiser@v1.0.0 → example.com/base@v1.2.0". */
export function chainText(chain: readonly GraphNode[]): string {
  return chain.join(' → ');
}
