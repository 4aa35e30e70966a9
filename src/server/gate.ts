import {
  type Connection,
  ErrorCodes,
  ExitNotification,
  InitializeRequest,
  Message,
  type MessageStrategy,
  type MessageWriter,
  MessageType,
  type NotificationHandler,
  type NotificationMessage,
  type NotificationType,
  type RequestHandler,
  type RequestMessage,
  type RequestType,
  ResponseError,
  type ResponseMessage,
  ShutdownRequest,
} from 'vscode-languageserver';
import type { Shape } from './shapes';

/** The handler `Connection.onInitialize` takes. */
type InitializeHandler = Parameters<Connection['onInitialize']>[0];

/** Registers handlers whose messages reach them only with parameters of the given shape. */
export interface Handlers {
  onInitialize(shape: Shape, handler: InitializeHandler): void;
  onRequest<P, R, E>(type: RequestType<P, R, E>, shape: Shape, handler: RequestHandler<P, R, E>): void;
  onNotification<P>(type: NotificationType<P>, shape: Shape, handler: NotificationHandler<P>): void;
}

/**
 * Every message from the client passes here before any handler, the library's own included, sees it: a
 * request out of turn (before `initialize`, a second `initialize`, anything after `shutdown`) or with
 * parameters not of its handler's shape is answered with an error; such a notification is dropped and
 * logged. Handlers can then read their parameters as typed, and a refused message changes nothing.
 */
export class ProtocolGate implements MessageStrategy {
  private state: 'new' | 'running' | 'shut down' = 'new';
  private readonly shapes = new Map<string, Shape>();

  /** `writer` is the connection's: refusals are written there, in the connection's order of writes. */
  constructor(private readonly writer: MessageWriter) {}

  /** Whether `shutdown` was received: the exit code when the client goes away is 0 then, else 1. */
  get shutDown(): boolean {
    return this.state === 'shut down';
  }

  /** Registration on `connection` that records each handler's shape here. */
  handlers(connection: Connection): Handlers {
    const shapes = this.shapes;
    return {
      onInitialize(shape, handler) {
        shapes.set(InitializeRequest.method, shape);
        connection.onInitialize(handler);
      },
      onRequest(type, shape, handler) {
        shapes.set(type.method, shape);
        connection.onRequest(type, handler);
      },
      onNotification(type, shape, handler) {
        shapes.set(type.method, shape);
        connection.onNotification(type, handler);
      },
    };
  }

  handleMessage(message: Message, next: (message: Message) => void | Promise<void>): void | Promise<void> {
    if (Message.isRequest(message)) {
      const refusal = this.refusal(message);
      if (refusal) {
        const response: ResponseMessage = { jsonrpc: '2.0', id: message.id, error: refusal.toJson() };
        return this.write(response);
      }
      if (message.method === InitializeRequest.method) this.state = 'running';
      if (message.method === ShutdownRequest.method) this.state = 'shut down';
    } else if (Message.isNotification(message)) {
      const dropped = this.dropped(message);
      if (dropped) return this.log(MessageType.Warning, `transcript: ${message.method} ${dropped}`);
    }
    return next(message);
  }

  private refusal({ method, params }: RequestMessage): ResponseError | undefined {
    if (this.state === 'shut down')
      return new ResponseError(ErrorCodes.InvalidRequest, `${method} was sent after shutdown`);
    if (method === InitializeRequest.method && this.state !== 'new')
      return new ResponseError(ErrorCodes.InvalidRequest, 'initialize may be sent only once');
    if (method !== InitializeRequest.method && this.state === 'new')
      return new ResponseError(ErrorCodes.ServerNotInitialized, `${method} was sent before initialize`);
    const problem = this.shapes.get(method)?.(params, '');
    return problem === undefined ? undefined : new ResponseError(ErrorCodes.InvalidParams, `${method}: ${problem}`);
  }

  /** Why a notification is not handled, or undefined. `exit` and the protocol's own `$/` notifications always are. */
  private dropped({ method, params }: NotificationMessage): string | undefined {
    if (method === ExitNotification.method || method.startsWith('$/')) return undefined;
    if (this.state !== 'running')
      return `ignored: sent ${this.state === 'new' ? 'before initialize' : 'after shutdown'}`;
    const problem = this.shapes.get(method)?.(params, '');
    return problem === undefined ? undefined : `refused: ${problem}`;
  }

  private log(type: MessageType, message: string): Promise<void> {
    const notification: NotificationMessage = {
      jsonrpc: '2.0',
      method: 'window/logMessage',
      params: { type, message },
    };
    return this.write(notification);
  }

  /** A failed write is the writer's to report (the connection listens to it); nothing more to do here. */
  private write(message: Message): Promise<void> {
    return this.writer.write(message).catch(() => undefined);
  }
}
