export { searchCatalogDocumentsModule as default } from './module';
