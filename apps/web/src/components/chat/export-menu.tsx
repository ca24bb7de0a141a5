'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../i18n/client';
import { useTRPC } from '../../trpc/client';

/** Downloads the conversation as Markdown or JSON, built by the server. */
export function ExportMenu({ conversationId }: { conversationId: string }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();

  async function download(format: 'markdown' | 'json') {
    const file = await queryClient.fetchQuery({
      ...trpc.conversations.export.queryOptions({ conversationId, format, locale }),
      staleTime: 0,
    });
    const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
    const a = Object.assign(document.createElement('a'), { href: url, download: file.filename });
    a.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div className="flex items-center gap-1 text-xs" role="group" aria-label={t('chat.export')}>
      <span className="text-slate-500">{t('chat.export')}:</span>
      <button type="button" className="btn-ghost" onClick={() => void download('markdown')}>
        {t('chat.exportMarkdown')}
      </button>
      <button type="button" className="btn-ghost" onClick={() => void download('json')}>
        {t('chat.exportJson')}
      </button>
    </div>
  );
}
