'use client';

import { createContext, Fragment, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useKeyboardShortcuts } from '@/lib/client/use-keyboard-shortcuts';
import { Dialog } from '../ui/dialog';
import { Kbd } from '../ui/kbd';

export interface ShortcutHelp {
  /** Keys that each do this, as printed on keycaps: `['j', '↓']`. */
  keys: string[];
  description: string;
}

export interface ShortcutHelpGroup {
  title: string;
  shortcuts: ShortcutHelp[];
}

interface ShortcutHelpRegistry {
  register: (group: ShortcutHelpGroup) => () => void;
  open: () => void;
}

const RegistryContext = createContext<ShortcutHelpRegistry | null>(null);

const GLOBAL_GROUP: ShortcutHelpGroup = {
  title: 'Everywhere',
  shortcuts: [
    { keys: ['?'], description: 'Show keyboard shortcuts' },
    { keys: ['Esc'], description: 'Close a dialog or menu' },
  ],
};

/**
 * The `?` dialog. Each page lists its own shortcuts with `useShortcutHelp` while it is mounted,
 * so the dialog always describes the keys that work right now.
 */
export function ShortcutHelpProvider({ children }: { children: ReactNode }) {
  const [groups, setGroups] = useState<ShortcutHelpGroup[]>([]);
  const [isOpen, setIsOpen] = useState(false);

  const register = useCallback((group: ShortcutHelpGroup) => {
    setGroups((current) => [...current, group]);
    return () => setGroups((current) => current.filter((entry) => entry !== group));
  }, []);
  const open = useCallback(() => setIsOpen(true), []);
  const registry = useMemo(() => ({ register, open }), [register, open]);

  useKeyboardShortcuts({ '?': open });

  return (
    <RegistryContext.Provider value={registry}>
      {children}
      <Dialog open={isOpen} onClose={() => setIsOpen(false)} title="Keyboard shortcuts">
        <div className="flex flex-col gap-4">
          {[...groups, GLOBAL_GROUP].map((group) => (
            <section key={group.title} aria-label={group.title}>
              <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-fg-muted uppercase">{group.title}</h3>
              <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1.5 text-sm">
                {group.shortcuts.map((shortcut) => (
                  <Fragment key={shortcut.description}>
                    <dt className="flex items-center gap-1">
                      {shortcut.keys.map((key, index) => (
                        <Fragment key={key}>
                          {index > 0 && <span className="text-xs text-fg-muted">or</span>}
                          <Kbd>{key}</Kbd>
                        </Fragment>
                      ))}
                    </dt>
                    <dd className="self-center">{shortcut.description}</dd>
                  </Fragment>
                ))}
              </dl>
            </section>
          ))}
          <p className="text-xs text-fg-muted">Shortcuts are off while you type in a field.</p>
        </div>
      </Dialog>
    </RegistryContext.Provider>
  );
}

function useRegistry(): ShortcutHelpRegistry {
  const registry = useContext(RegistryContext);
  if (!registry) throw new Error('useShortcutHelp needs the <ShortcutHelpProvider> of the app shell');
  return registry;
}

/** Lists a page's shortcuts in the `?` dialog while the page is mounted. Pass a stable (module-level) group. */
export function useShortcutHelp(group: ShortcutHelpGroup): void {
  const { register } = useRegistry();
  useEffect(() => register(group), [register, group]);
}

/** Opens the `?` dialog, e.g. from a menu item. */
export function useOpenShortcutHelp(): () => void {
  return useRegistry().open;
}
