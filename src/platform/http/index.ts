export { ADMIN, ALL_ROLES, READ, WRITE, type Access, type Principal, type Role } from './access.ts';
export {
  HttpError,
  badRequest,
  conflict,
  forbidden,
  notFound,
  unauthorized,
  type ErrorBody,
} from './errors.ts';
export { createHealthModule } from './health.ts';
export { createHttpServer, type HttpServer, type HttpServerOptions } from './server.ts';
export { receiveForm, type ReceivedForm, type UploadedFile } from './multipart-form.ts';
export { actorOf, csvEnum, idParams, pageQuery } from './route-schemas.ts';
