import { TranscriptView } from '../../../../../../components/teacher/transcript-view';
import { requireRole } from '../../../../../../server/require-role';

export default async function TeacherTranscriptPage({
  params,
  searchParams,
}: {
  params: Promise<{ classId: string; conversationId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole('TEACHER', 'ADMIN');
  const [{ classId, conversationId }, query] = await Promise.all([params, searchParams]);
  const messageId = typeof query.m === 'string' ? query.m : undefined;
  const searched = typeof query.q === 'string' ? query.q.slice(0, 100) : undefined;
  return (
    <TranscriptView
      classId={classId}
      conversationId={conversationId}
      highlightMessageId={messageId}
      searched={searched}
    />
  );
}
