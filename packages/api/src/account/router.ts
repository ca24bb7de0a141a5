import { router } from '../trpc';
import { meRoute } from './me';
import { setLanguageRoute } from './set-language';
import { signUpRoute } from './sign-up';

export const accountRouter = router({
  signUp: signUpRoute,
  me: meRoute,
  setLanguage: setLanguageRoute,
});
