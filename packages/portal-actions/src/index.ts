export {
  registerAction,
  describeRefusal,
  nulFreeString,
  type Zod,
} from './registerAction';
