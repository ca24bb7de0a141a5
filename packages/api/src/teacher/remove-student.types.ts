import { z } from 'zod';
import { idSchema } from './dashboard.types';

export const removeStudentInput = z.object({ classId: idSchema, studentId: idSchema });
