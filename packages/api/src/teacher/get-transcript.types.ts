import { z } from 'zod';
import { idSchema } from './dashboard.types';

export const transcriptInput = z.object({ conversationId: idSchema });
