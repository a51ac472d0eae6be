import { useId, useRef, type KeyboardEvent, type ReactNode } from "react";

export type TabItem<T extends string> = { value: T; label: string };

type TabsProps<T extends string> = {
  /** Names the tab list for screen readers. */
  label: string;
  tabs: readonly TabItem<T>[];
  selected: T;
  onSelect: (value: T) => void;
  /** The panel of the selected tab. Only it is rendered, so hidden fields never share a label with visible ones. */
  children: ReactNode;
};

/**
 * WAI-ARIA tabs with automatic activation: arrow keys, Home and End move between tabs and select them;
 * only the selected tab is in the Tab order, so Tab moves straight into the panel.
 */
export function Tabs<T extends string>({ label, tabs, selected, onSelect, children }: TabsProps<T>) {
  const baseId = useId();
  const tabRefs = useRef(new Map<T, HTMLButtonElement>());
  const tabId = (value: T) => `${baseId}-tab-${value}`;
  const panelId = `${baseId}-panel`;

  function selectByOffset(event: KeyboardEvent<HTMLDivElement>) {
    const index = tabs.findIndex((tab) => tab.value === selected);
    const lastIndex = tabs.length - 1;
    const nextIndex = {
      ArrowRight: index === lastIndex ? 0 : index + 1,
      ArrowLeft: index === 0 ? lastIndex : index - 1,
      Home: 0,
      End: lastIndex,
    }[event.key];
    const next = nextIndex === undefined ? undefined : tabs[nextIndex];
    if (!next) return;
    event.preventDefault();
    onSelect(next.value);
    tabRefs.current.get(next.value)?.focus();
  }

  return (
    <div className="tabs">
      <div className="tabs__list" role="tablist" aria-label={label} onKeyDown={selectByOffset}>
        {tabs.map((tab) => {
          const isSelected = tab.value === selected;
          return (
            <button
              key={tab.value}
              ref={(element) => {
                if (element) tabRefs.current.set(tab.value, element);
                else tabRefs.current.delete(tab.value);
              }}
              type="button"
              role="tab"
              id={tabId(tab.value)}
              className="tabs__tab"
              aria-selected={isSelected}
              aria-controls={isSelected ? panelId : undefined}
              tabIndex={isSelected ? 0 : -1}
              onClick={() => onSelect(tab.value)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      {/* Tied to its tab by the tab's aria-controls only: naming the panel after the tab ("E-mail") would give the
          panel the same label as the field inside it, and "find the field labelled E-mail" would find two. */}
      <div className="tabs__panel" role="tabpanel" id={panelId}>
        {children}
      </div>
    </div>
  );
}
