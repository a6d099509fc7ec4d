// Init script of the React bench pages, run before React loads. React DOM reports every commit to a
// DevTools hook; this one counts, per component, the renders each commit holds — what React
// DevTools' profiler counts, without DevTools, in a production build of React.

/** React's fiber flag for "this component ran its render this time" (PerformedWork). */
const PERFORMED_WORK = 1;

interface Fiber {
  type: unknown;
  flags: number;
  alternate: Fiber | null;
  child: Fiber | null;
  sibling: Fiber | null;
  memoizedProps: unknown;
  memoizedState: unknown;
}

export interface RenderCounter {
  /** Renders per component name since the last reset. */
  counts(): Record<string, number>;
  reset(): void;
}

const counts = new Map<string, number>();
// The props and state each component instance had when last counted: a fiber left untouched by a
// commit keeps its old flags, so a render counts only where its props or hooks are new.
const seen = new WeakMap<Fiber, [unknown, unknown]>();

/** A function component's name, or a forwardRef's render function's; null for host elements and wrappers. */
function nameOf({ type }: Fiber): string | null {
  if (typeof type === 'function') return (type as { displayName?: string }).displayName ?? type.name;
  const render = (type as { render?: { name: string }; displayName?: string } | null)?.render;
  return render ? ((type as { displayName?: string }).displayName ?? render.name) : null;
}

function rendered(fiber: Fiber): boolean {
  const last = seen.get(fiber) ?? (fiber.alternate && seen.get(fiber.alternate));
  const now: [unknown, unknown] = [fiber.memoizedProps, fiber.memoizedState];
  seen.set(fiber, now);
  if (fiber.alternate) seen.set(fiber.alternate, now);
  if (!last) return true;
  return (fiber.flags & PERFORMED_WORK) !== 0 && (last[0] !== now[0] || last[1] !== now[1]);
}

function walk(fiber: Fiber | null): void {
  for (let node = fiber; node; node = node.sibling) {
    const name = nameOf(node);
    if (name && rendered(node)) counts.set(name, (counts.get(name) ?? 0) + 1);
    walk(node.child);
  }
}

const hook = {
  supportsFiber: true,
  renderers: new Map(),
  inject: () => 1,
  onCommitFiberRoot: (_renderer: number, root: { current: Fiber }) => walk(root.current),
  onCommitFiberUnmount: () => {},
  onPostCommitFiberRoot: () => {},
  checkDCE: () => {},
};
const counter: RenderCounter = {
  counts: () => Object.fromEntries(counts),
  reset: () => counts.clear(),
};
Object.assign(window, { __REACT_DEVTOOLS_GLOBAL_HOOK__: hook, renderCounter: counter });
