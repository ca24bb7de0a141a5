'use client';

import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../i18n/client';
import { toUiError } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';
import { AWAIT_POLL_MS, awaitsServer } from './awaits-server';
import { DrillScreen } from './drill-screen';
import { RoleplayScreen } from './roleplay-screen';
import { TeacherGradeNote } from './teacher-grade';

/** Opens an attempt: a roleplay or a drill, for the student doing it or (read only) a teacher reading it. */
export function AttemptScreen({ attemptId, viewerId }: { attemptId: string; viewerId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const attempt = useQuery(
    trpc.practice.attempt.queryOptions(
      { attemptId },
      // Cards and the report are made on the server after each reply; the page looks again until they are there.
      { refetchInterval: (query) => (query.state.data && awaitsServer(query.state.data) ? AWAIT_POLL_MS : false) },
    ),
  );
  if (attempt.isPending) return <p className="p-6 text-sm text-slate-500">{t('common.loading')}</p>;
  if (attempt.error) {
    const error = toUiError(attempt.error);
    return (
      <div className="mx-auto max-w-3xl p-6">
        <ErrorNotice
          error={error.code === 'NOT_FOUND' ? { ...error, code: null, message: t('practice.notFound') } : error}
          onRetry={() => void attempt.refetch()}
        />
      </div>
    );
  }
  const data = attempt.data;
  const readOnly = data.studentId !== viewerId;
  const grade = data.teacherGrade && <TeacherGradeNote grade={data.teacherGrade} />;
  if (data.scenario)
    return (
      <>
        {grade}
        <RoleplayScreen attempt={data} scenario={data.scenario} readOnly={readOnly} />
      </>
    );
  if (data.drill)
    return (
      <>
        {grade}
        <DrillScreen attempt={data} drill={data.drill} readOnly={readOnly} />
      </>
    );
  return null;
}
