/**
 * Short-lived messages after an action ("Dishes marked done"), announced to screen
 * readers: successes politely, failures assertively.
 */
import { errorMessage } from "../lib/errors";
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

export type NoticeTone = "success" | "info" | "error";

/** A button in the message, like "Undo"; pressing it also dismisses the message. */
export interface NoticeAction {
  label: string;
  onAction: () => void;
  /**
   * Move focus to the button: for messages about a control that has just been disabled
   * or will go away (a chore card after Done), so keyboard focus never drops to the page.
   */
  takeFocus?: boolean;
}

interface Notice {
  id: number;
  tone: NoticeTone;
  text: string;
  action?: NoticeAction;
}

type Notify = (tone: NoticeTone, text: string, action?: NoticeAction) => void;

const NotifyContext = createContext<Notify | null>(null);

const DISMISS_AFTER_MS = 8000;
/** A message with a button stays longer, so there is time to reach the button. */
const DISMISS_WITH_ACTION_AFTER_MS = 20000;

export function NoticesProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    // Focus inside a message that goes would drop to the page: the page's heading takes it.
    if (focusedNotice(id)) document.querySelector<HTMLElement>("main h1")?.focus();
    setNotices((current) => current.filter((notice) => notice.id !== id));
  }, []);

  const notify = useCallback<Notify>(
    (tone, text, action) => {
      const id = nextId.current++;
      // Keep the last few only: a burst of actions should not bury the page.
      setNotices((current) => [...current.slice(-2), { id, tone, text, ...(action ? { action } : {}) }]);
      // Not while someone is on it with the keyboard: it goes once focus has moved on.
      const expire = () => (focusedNotice(id) ? setTimeout(expire, DISMISS_AFTER_MS) : dismiss(id));
      setTimeout(expire, action ? DISMISS_WITH_ACTION_AFTER_MS : DISMISS_AFTER_MS);
    },
    [dismiss],
  );

  const politeNotices = notices.filter((notice) => notice.tone !== "error");
  const urgentNotices = notices.filter((notice) => notice.tone === "error");

  return (
    <NotifyContext value={notify}>
      {children}
      <div className="notices">
        <div role="status" aria-live="polite">
          {politeNotices.map((notice) => (
            <NoticeItem key={notice.id} notice={notice} onDismiss={dismiss} />
          ))}
        </div>
        <div role="alert">
          {urgentNotices.map((notice) => (
            <NoticeItem key={notice.id} notice={notice} onDismiss={dismiss} />
          ))}
        </div>
      </div>
    </NotifyContext>
  );
}

function focusedNotice(id: number): boolean {
  return document.activeElement?.closest(`[data-notice-id="${id}"]`) != null;
}

function NoticeItem({ notice, onDismiss }: { notice: Notice; onDismiss: (id: number) => void }) {
  const { t } = useTranslation();
  const actionRef = useRef<HTMLButtonElement>(null);
  const takeFocus = notice.action?.takeFocus === true;
  useEffect(() => {
    if (takeFocus) actionRef.current?.focus();
  }, [takeFocus]);
  return (
    <div className={`notice notice--${notice.tone}`} data-notice-id={notice.id}>
      <span>{notice.text}</span>
      {notice.action && (
        <button
          ref={actionRef}
          type="button"
          className="notice__action"
          aria-label={`${notice.action.label}: ${notice.text}`}
          onClick={() => {
            onDismiss(notice.id);
            notice.action?.onAction();
          }}
        >
          {notice.action.label}
        </button>
      )}
      <button type="button" className="notice__close" onClick={() => onDismiss(notice.id)} aria-label={t("notices.dismiss")}>
        ×
      </button>
    </div>
  );
}

export function useNotify(): Notify {
  const notify = useContext(NotifyContext);
  if (!notify) throw new Error("useNotify must be used inside <NoticesProvider>");
  return notify;
}

/** Mutation callbacks that announce how an action went: `mutate(id, outcome("info", "Removed."))`. */
export function useNotifyOutcome() {
  const notify = useNotify();
  return useCallback(
    (tone: NoticeTone, message: string) => ({
      onSuccess: () => notify(tone, message),
      onError: (error: unknown) => notify("error", errorMessage(error)),
    }),
    [notify],
  );
}
