/**
 * The page's look, compiled the way StyleX compiles Meta's: every declaration becomes one atomic class
 * (`x` + a base-36 hash), and a UI role is a list of those classes. The hash is salted with the build
 * id, so every class name changes with `control.page.buildId` and no class carries a stable meaning,
 * as on the real page. Colours are theme variables; dark values apply under prefers-color-scheme.
 */
import { fnv1a } from '../../support/hash';

type Declarations = Readonly<Record<string, string>>;
interface RoleStyle {
  readonly base: Declarations;
  readonly hover?: Declarations;
}

const surface = { background: 'var(--surface-background)' };
const flexRow = { display: 'flex', 'align-items': 'center' };
const ellipsis = { overflow: 'hidden', 'text-overflow': 'ellipsis', 'white-space': 'nowrap' };
const button = {
  ...flexRow,
  gap: '6px',
  height: '36px',
  padding: '0 12px',
  border: '1px solid var(--divider)',
  'border-radius': '6px',
  background: 'var(--secondary-button-background)',
  color: 'var(--primary-text)',
  font: 'inherit',
  'font-weight': '600',
  cursor: 'pointer',
  'white-space': 'nowrap',
};
const cellBase = {
  ...flexRow,
  flex: 'none',
  'box-sizing': 'border-box',
  height: '100%',
  padding: '0 10px',
  'border-right': '1px solid var(--divider)',
  'border-bottom': '1px solid var(--divider)',
};

const ROLES = {
  root: {
    base: {
      display: 'flex',
      'flex-direction': 'column',
      height: '100vh',
      ...surface,
      color: 'var(--primary-text)',
    },
  },
  topbar: {
    base: {
      ...flexRow,
      gap: '12px',
      height: '56px',
      padding: '0 16px',
      'flex-shrink': '0',
      'border-bottom': '1px solid var(--divider)',
      background: 'var(--card-background)',
    },
  },
  logo: {
    base: {
      ...flexRow,
      'justify-content': 'center',
      width: '32px',
      height: '32px',
      'border-radius': '50%',
      background: 'var(--accent)',
      color: '#fff',
      'font-weight': '700',
    },
  },
  appTitle: { base: { 'font-size': '20px', 'font-weight': '700' } },
  grow: { base: { flex: '1' } },
  accountButton: { base: { ...button, 'max-width': '360px' } },
  accountName: { base: { ...ellipsis, 'max-width': '240px' } },
  secondaryText: { base: { color: 'var(--secondary-text)', 'font-weight': '400' } },
  menu: {
    base: {
      position: 'absolute',
      'z-index': '20',
      'min-width': '280px',
      'max-height': '360px',
      'overflow-y': 'auto',
      padding: '6px',
      'border-radius': '8px',
      border: '1px solid var(--divider)',
      background: 'var(--card-background)',
      'box-shadow': '0 8px 24px rgba(0,0,0,.2)',
    },
  },
  menuAnchor: { base: { position: 'relative' } },
  option: {
    base: {
      ...flexRow,
      gap: '8px',
      padding: '8px 10px',
      'border-radius': '6px',
      cursor: 'pointer',
    },
    hover: { background: 'var(--hover-overlay)' },
  },
  optionSelected: {
    base: {
      ...flexRow,
      gap: '8px',
      padding: '8px 10px',
      'border-radius': '6px',
      cursor: 'pointer',
      background: 'var(--selected-background)',
      'font-weight': '600',
    },
  },
  body: { base: { display: 'flex', flex: '1', 'min-height': '0' } },
  rail: {
    base: {
      display: 'flex',
      'flex-direction': 'column',
      'align-items': 'center',
      gap: '8px',
      width: '56px',
      'padding-top': '12px',
      'flex-shrink': '0',
      'border-right': '1px solid var(--divider)',
      background: 'var(--card-background)',
    },
  },
  railItem: {
    base: {
      ...flexRow,
      'justify-content': 'center',
      width: '36px',
      height: '36px',
      'border-radius': '8px',
      color: 'var(--secondary-text)',
      'font-weight': '700',
    },
  },
  railItemActive: {
    base: {
      ...flexRow,
      'justify-content': 'center',
      width: '36px',
      height: '36px',
      'border-radius': '8px',
      color: 'var(--accent)',
      background: 'var(--selected-background)',
      'font-weight': '700',
    },
  },
  main: {
    base: {
      display: 'flex',
      'flex-direction': 'column',
      gap: '10px',
      flex: '1',
      'min-width': '0',
      padding: '12px 16px',
    },
  },
  filterBar: { base: { ...flexRow, gap: '8px', 'flex-wrap': 'wrap' } },
  searchBox: {
    base: {
      ...flexRow,
      flex: '1',
      'min-width': '240px',
      height: '36px',
      padding: '0 12px',
      'border-radius': '6px',
      border: '1px solid var(--divider)',
      background: 'var(--card-background)',
      color: 'var(--secondary-text)',
    },
  },
  chip: { base: { ...button, height: '30px', 'border-radius': '15px', 'font-weight': '400' } },
  chipOn: {
    base: {
      ...button,
      height: '30px',
      'border-radius': '15px',
      'font-weight': '600',
      background: 'var(--selected-background)',
      color: 'var(--accent)',
      'border-color': 'var(--accent)',
    },
  },
  button: { base: button, hover: { background: 'var(--hover-overlay)' } },
  buttonDisabled: { base: { ...button, opacity: '.5', cursor: 'default' } },
  primaryButton: {
    base: {
      ...button,
      background: 'var(--positive)',
      color: '#fff',
      'border-color': 'var(--positive)',
    },
  },
  dialog: {
    base: {
      position: 'absolute',
      right: '0',
      'z-index': '20',
      display: 'flex',
      gap: '16px',
      padding: '12px',
      'border-radius': '8px',
      border: '1px solid var(--divider)',
      background: 'var(--card-background)',
      'box-shadow': '0 8px 24px rgba(0,0,0,.2)',
    },
  },
  column: { base: { display: 'flex', 'flex-direction': 'column', gap: '8px' } },
  input: {
    base: {
      height: '32px',
      padding: '0 8px',
      'border-radius': '6px',
      border: '1px solid var(--divider)',
      background: 'var(--surface-background)',
      color: 'var(--primary-text)',
      font: 'inherit',
    },
  },
  tabs: { base: { display: 'flex', gap: '4px', 'border-bottom': '1px solid var(--divider)' } },
  tab: {
    base: {
      ...flexRow,
      gap: '8px',
      height: '44px',
      padding: '0 16px',
      border: '0',
      'border-bottom': '3px solid transparent',
      background: 'transparent',
      color: 'var(--secondary-text)',
      font: 'inherit',
      'font-weight': '600',
      cursor: 'pointer',
    },
    hover: { background: 'var(--hover-overlay)' },
  },
  tabSelected: {
    base: {
      ...flexRow,
      gap: '8px',
      height: '44px',
      padding: '0 16px',
      border: '0',
      'border-bottom': '3px solid var(--accent)',
      background: 'var(--card-background)',
      color: 'var(--accent)',
      font: 'inherit',
      'font-weight': '600',
      cursor: 'pointer',
    },
  },
  badge: {
    base: {
      ...flexRow,
      gap: '4px',
      padding: '2px 8px',
      'border-radius': '10px',
      background: 'var(--accent)',
      color: '#fff',
      'font-size': '12px',
    },
  },
  badgeClear: { base: { cursor: 'pointer', 'font-weight': '700' } },
  toolbar: { base: { ...flexRow, gap: '8px' } },
  pane: {
    base: {
      display: 'flex',
      'flex-direction': 'column',
      flex: '1',
      'min-height': '0',
      border: '1px solid var(--divider)',
      'border-radius': '8px',
      overflow: 'hidden',
      background: 'var(--card-background)',
    },
  },
  table: { base: { display: 'flex', 'flex-direction': 'column', flex: '1', 'min-height': '0' } },
  scroller: { base: { position: 'relative', flex: '1', 'min-height': '0', overflow: 'auto' } },
  headerGroup: {
    base: {
      position: 'sticky',
      top: '0',
      'z-index': '4',
      height: '56px',
      background: 'var(--header-background)',
    },
  },
  footerGroup: {
    base: {
      position: 'sticky',
      bottom: '0',
      'z-index': '4',
      height: '56px',
      background: 'var(--header-background)',
      'box-shadow': '0 -1px 0 var(--divider)',
    },
  },
  rowGroup: { base: { position: 'relative' } },
  row: {
    base: {
      position: 'absolute',
      top: '0',
      left: '0',
      display: 'flex',
      height: '48px',
      background: 'var(--card-background)',
    },
    hover: { background: 'var(--row-hover)' },
  },
  rowSelected: {
    base: {
      position: 'absolute',
      top: '0',
      left: '0',
      display: 'flex',
      height: '48px',
      background: 'var(--selected-background)',
    },
  },
  headerRow: { base: { display: 'flex', height: '100%', background: 'inherit' } },
  frozen: {
    base: {
      position: 'sticky',
      left: '0',
      'z-index': '2',
      display: 'flex',
      flex: 'none',
      height: '100%',
      background: 'inherit',
      'box-shadow': '1px 0 0 var(--divider)',
    },
  },
  presentation: { base: { display: 'flex', height: '100%' } },
  controlCell: {
    base: { ...cellBase, 'justify-content': 'center', padding: '0', 'border-right': '0' },
  },
  checkbox: { base: { width: '16px', height: '16px', margin: '0', cursor: 'pointer' } },
  toggle: {
    base: {
      position: 'relative',
      width: '36px',
      height: '20px',
      'border-radius': '10px',
      background: 'var(--toggle-off)',
    },
  },
  toggleOn: {
    base: {
      position: 'relative',
      width: '36px',
      height: '20px',
      'border-radius': '10px',
      background: 'var(--accent)',
    },
  },
  toggleKnob: {
    base: {
      position: 'absolute',
      top: '2px',
      left: '2px',
      width: '16px',
      height: '16px',
      'border-radius': '50%',
      background: '#fff',
    },
  },
  toggleKnobOn: {
    base: {
      position: 'absolute',
      top: '2px',
      left: '18px',
      width: '16px',
      height: '16px',
      'border-radius': '50%',
      background: '#fff',
    },
  },
  nameCell: { base: { ...cellBase, 'min-width': '0' } },
  textCell: { base: { ...cellBase, 'min-width': '0' } },
  metricCell: { base: { ...cellBase, 'justify-content': 'flex-end', 'text-align': 'right' } },
  headerCell: {
    base: {
      ...cellBase,
      'font-weight': '600',
      'font-size': '12px',
      'line-height': '1.25',
      color: 'var(--secondary-text)',
    },
  },
  headerMetricCell: {
    base: {
      ...cellBase,
      'justify-content': 'flex-end',
      'text-align': 'right',
      'font-weight': '600',
      'font-size': '12px',
      'line-height': '1.25',
      color: 'var(--secondary-text)',
    },
  },
  cellContent: {
    base: { display: 'flex', 'flex-direction': 'column', 'min-width': '0', 'max-width': '100%' },
  },
  cellText: { base: { ...ellipsis } },
  cellSub: { base: { ...ellipsis, 'font-size': '12px', color: 'var(--secondary-text)' } },
  nameLink: {
    base: { ...ellipsis, color: 'var(--link-text)', 'text-decoration': 'none', cursor: 'pointer' },
    hover: { 'text-decoration': 'underline' },
  },
  nameText: { base: { ...ellipsis } },
  strong: { base: { ...ellipsis, 'font-weight': '600' } },
  deliveryLine: { base: { ...flexRow, gap: '6px' } },
  dotActive: dot('var(--positive)'),
  dotOff: dot('var(--secondary-text)'),
  dotWarning: dot('var(--warning)'),
  dotError: dot('var(--negative)'),
  skeletonRow: { base: { ...flexRow, gap: '16px', height: '48px', padding: '0 16px' } },
  skeletonBar: {
    base: {
      height: '12px',
      'border-radius': '6px',
      background: 'var(--skeleton)',
      animation: 'am-pulse 1.2s ease-in-out infinite',
    },
  },
  message: {
    base: { padding: '48px 24px', 'text-align': 'center', color: 'var(--secondary-text)' },
  },
  loadingLine: {
    base: {
      position: 'absolute',
      top: '0',
      left: '0',
      right: '0',
      height: '3px',
      'z-index': '6',
      background: 'linear-gradient(90deg, transparent, var(--accent), transparent)',
      animation: 'am-slide 1s linear infinite',
    },
  },
  hidden: { base: { display: 'none' } },
} satisfies Record<string, RoleStyle>;

function dot(color: string): RoleStyle {
  return {
    base: { width: '8px', height: '8px', 'border-radius': '50%', background: color, flex: 'none' },
  };
}

export type StyleRole = keyof typeof ROLES;

export function atomicClassName(buildId: number, atom: string): string {
  return `x${fnv1a(`${buildId}\u0000${atom}`).toString(36)}`;
}

const THEME = `:root{color-scheme:light dark;--surface-background:#f0f2f5;--card-background:#fff;\
--header-background:#f5f6f7;--primary-text:#1c2b33;--secondary-text:#65676b;--divider:#dadde1;\
--hover-overlay:rgba(0,0,0,.05);--row-hover:#f7f8fa;--selected-background:#e7f0fd;--accent:#0a78be;\
--link-text:#0a66c2;--positive:#2e7d32;--warning:#f0a500;--negative:#d93025;--toggle-off:#bcc0c4;\
--secondary-button-background:#fff;--skeleton:#e4e6eb}
@media (prefers-color-scheme:dark){:root{--surface-background:#18191a;--card-background:#242526;\
--header-background:#2d2e30;--primary-text:#e4e6eb;--secondary-text:#b0b3b8;--divider:#3e4042;\
--hover-overlay:rgba(255,255,255,.06);--row-hover:#2f3031;--selected-background:#263951;\
--accent:#4599ff;--link-text:#6aaeff;--positive:#45bd62;--warning:#f7b928;--negative:#f3425f;\
--toggle-off:#5f6164;--secondary-button-background:#3a3b3c;--skeleton:#3a3b3c}}
html,body{margin:0;height:100%}
body{font:14px/1.35 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
@keyframes am-pulse{0%,100%{opacity:1}50%{opacity:.45}}
@keyframes am-slide{0%{transform:translateX(-100%)}100%{transform:translateX(100%)}}
`;

const SHORTHANDS = new Set([
  'animation',
  'background',
  'border',
  'flex',
  'font',
  'overflow',
  'padding',
]);

/**
 * Atomic rules all have the same specificity, so their order decides: shorthands before longhands
 * (`border: 0` must not undo `border-bottom`), hover last (it must beat the base background).
 */
function priority(pseudo: string, prop: string): number {
  return (pseudo ? 2 : 0) + (SHORTHANDS.has(prop) ? 0 : 1);
}

export interface CompiledStyles {
  readonly classes: Readonly<Record<StyleRole, string>>;
  readonly css: string;
}

const compiled = new Map<number, CompiledStyles>();

/** Class lists and the stylesheet of one build; memoized, a build's output never changes. */
export function compileStyles(buildId: number): CompiledStyles {
  const cached = compiled.get(buildId);
  if (cached) return cached;
  const rules = new Map<string, { readonly rule: string; readonly priority: number }>();
  const atomClass = (pseudo: string, prop: string, value: string): string => {
    const name = atomicClassName(buildId, `${pseudo}${prop}:${value}`);
    rules.set(name, {
      rule: `.${name}${pseudo}{${prop}:${value}}`,
      priority: priority(pseudo, prop),
    });
    return name;
  };
  const classes = {} as Record<StyleRole, string>;
  for (const [role, style] of Object.entries(ROLES) as [StyleRole, RoleStyle][]) {
    const names = Object.entries(style.base).map(([p, v]) => atomClass('', p, v));
    for (const [p, v] of Object.entries(style.hover ?? {})) names.push(atomClass(':hover', p, v));
    classes[role] = names.join(' ');
  }
  const sorted = [...rules.values()].sort((a, b) => a.priority - b.priority).map((r) => r.rule);
  const result = { classes, css: THEME + sorted.join('\n') };
  compiled.set(buildId, result);
  return result;
}
