export { techdocsPrebuildModule as default } from './module';
