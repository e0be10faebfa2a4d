// DO NOT EDIT. Generated from proto/tidings.proto by `npm run proto:gen`.
/* eslint-disable */
import * as $protobuf from "protobufjs";
import Long = require("long");
export namespace tidings {

    namespace v1 {

        interface IClientEnvelope {
            send?: (tidings.v1.ISendMessage|null);
            receipt?: (tidings.v1.IReceiptUpdate|null);
            typing?: (tidings.v1.ITypingUpdate|null);
            presenceQuery?: (tidings.v1.IPresenceQuery|null);
            sync?: (tidings.v1.ISyncRequest|null);
        }

        class ClientEnvelope implements IClientEnvelope {
            constructor(p?: tidings.v1.IClientEnvelope);
            public send?: (tidings.v1.ISendMessage|null);
            public receipt?: (tidings.v1.IReceiptUpdate|null);
            public typing?: (tidings.v1.ITypingUpdate|null);
            public presenceQuery?: (tidings.v1.IPresenceQuery|null);
            public sync?: (tidings.v1.ISyncRequest|null);
            public event?: ("send"|"receipt"|"typing"|"presenceQuery"|"sync");
            public static create(properties?: tidings.v1.IClientEnvelope): tidings.v1.ClientEnvelope;
            public static encode(m: tidings.v1.IClientEnvelope, w?: $protobuf.Writer): $protobuf.Writer;
            public static decode(r: ($protobuf.Reader|Uint8Array), l?: number): tidings.v1.ClientEnvelope;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IServerEnvelope {
            message?: (tidings.v1.IMessage|null);
            ack?: (tidings.v1.ISendAck|null);
            receipt?: (tidings.v1.IReceipt|null);
            typing?: (tidings.v1.ITyping|null);
            presence?: (tidings.v1.IPresence|null);
            sync?: (tidings.v1.ISyncResponse|null);
            error?: (tidings.v1.IError|null);
            chatUpdate?: (tidings.v1.IChatUpdate|null);
        }

        class ServerEnvelope implements IServerEnvelope {
            constructor(p?: tidings.v1.IServerEnvelope);
            public message?: (tidings.v1.IMessage|null);
            public ack?: (tidings.v1.ISendAck|null);
            public receipt?: (tidings.v1.IReceipt|null);
            public typing?: (tidings.v1.ITyping|null);
            public presence?: (tidings.v1.IPresence|null);
            public sync?: (tidings.v1.ISyncResponse|null);
            public error?: (tidings.v1.IError|null);
            public chatUpdate?: (tidings.v1.IChatUpdate|null);
            public event?: ("message"|"ack"|"receipt"|"typing"|"presence"|"sync"|"error"|"chatUpdate");
            public static create(properties?: tidings.v1.IServerEnvelope): tidings.v1.ServerEnvelope;
            public static encode(m: tidings.v1.IServerEnvelope, w?: $protobuf.Writer): $protobuf.Writer;
            public static decode(r: ($protobuf.Reader|Uint8Array), l?: number): tidings.v1.ServerEnvelope;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        enum MessageKind {
            MESSAGE_KIND_NORMAL = 0,
            MESSAGE_KIND_EDIT = 1,
            MESSAGE_KIND_DELETE = 2,
            MESSAGE_KIND_REACTION = 3
        }

        interface ISendMessage {
            chatId?: (string|null);
            clientMsgId?: (Uint8Array|null);
            body?: (Uint8Array|null);
            contentType?: (string|null);
            kind?: (tidings.v1.MessageKind|null);
            replyToSeq?: (number|null);
            targetSeq?: (number|null);
            resend?: (boolean|null);
        }

        class SendMessage implements ISendMessage {
            constructor(p?: tidings.v1.ISendMessage);
            public chatId: string;
            public clientMsgId: Uint8Array;
            public body: Uint8Array;
            public contentType: string;
            public kind: tidings.v1.MessageKind;
            public replyToSeq: number;
            public targetSeq: number;
            public resend: boolean;
            public static create(properties?: tidings.v1.ISendMessage): tidings.v1.SendMessage;
            public static encode(m: tidings.v1.ISendMessage, w?: $protobuf.Writer): $protobuf.Writer;
            public static decode(r: ($protobuf.Reader|Uint8Array), l?: number): tidings.v1.SendMessage;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IMessage {
            chatId?: (string|null);
            seq?: (number|null);
            senderId?: (string|null);
            senderDevice?: (string|null);
            clientMsgId?: (Uint8Array|null);
            sentAt?: (number|null);
            body?: (Uint8Array|null);
            contentType?: (string|null);
            kind?: (tidings.v1.MessageKind|null);
            replyToSeq?: (number|null);
            targetSeq?: (number|null);
        }

        class Message implements IMessage {
            constructor(p?: tidings.v1.IMessage);
            public chatId: string;
            public seq: number;
            public senderId: string;
            public senderDevice: string;
            public clientMsgId: Uint8Array;
            public sentAt: number;
            public body: Uint8Array;
            public contentType: string;
            public kind: tidings.v1.MessageKind;
            public replyToSeq: number;
            public targetSeq: number;
            public static create(properties?: tidings.v1.IMessage): tidings.v1.Message;
            public static encode(m: tidings.v1.IMessage, w?: $protobuf.Writer): $protobuf.Writer;
            public static decode(r: ($protobuf.Reader|Uint8Array), l?: number): tidings.v1.Message;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface ISendAck {
            chatId?: (string|null);
            clientMsgId?: (Uint8Array|null);
            seq?: (number|null);
            sentAt?: (number|null);
            duplicate?: (boolean|null);
        }

        class SendAck implements ISendAck {
            constructor(p?: tidings.v1.ISendAck);
            public chatId: string;
            public clientMsgId: Uint8Array;
            public seq: number;
            public sentAt: number;
            public duplicate: boolean;
            public static create(properties?: tidings.v1.ISendAck): tidings.v1.SendAck;
            public static encode(m: tidings.v1.ISendAck, w?: $protobuf.Writer): $protobuf.Writer;
            public static decode(r: ($protobuf.Reader|Uint8Array), l?: number): tidings.v1.SendAck;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        enum ReceiptKind {
            RECEIPT_KIND_UNSPECIFIED = 0,
            RECEIPT_KIND_DELIVERED = 1,
            RECEIPT_KIND_READ = 2
        }

        interface IReceiptUpdate {
            chatId?: (string|null);
            kind?: (tidings.v1.ReceiptKind|null);
            upToSeq?: (number|null);
        }

        class ReceiptUpdate implements IReceiptUpdate {
            constructor(p?: tidings.v1.IReceiptUpdate);
            public chatId: string;
            public kind: tidings.v1.ReceiptKind;
            public upToSeq: number;
            public static create(properties?: tidings.v1.IReceiptUpdate): tidings.v1.ReceiptUpdate;
            public static encode(m: tidings.v1.IReceiptUpdate, w?: $protobuf.Writer): $protobuf.Writer;
            public static decode(r: ($protobuf.Reader|Uint8Array), l?: number): tidings.v1.ReceiptUpdate;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IReceipt {
            chatId?: (string|null);
            userId?: (string|null);
            kind?: (tidings.v1.ReceiptKind|null);
            upToSeq?: (number|null);
        }

        class Receipt implements IReceipt {
            constructor(p?: tidings.v1.IReceipt);
            public chatId: string;
            public userId: string;
            public kind: tidings.v1.ReceiptKind;
            public upToSeq: number;
            public static create(properties?: tidings.v1.IReceipt): tidings.v1.Receipt;
            public static encode(m: tidings.v1.IReceipt, w?: $protobuf.Writer): $protobuf.Writer;
            public static decode(r: ($protobuf.Reader|Uint8Array), l?: number): tidings.v1.Receipt;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface ITypingUpdate {
            chatId?: (string|null);
            typing?: (boolean|null);
        }

        class TypingUpdate implements ITypingUpdate {
            constructor(p?: tidings.v1.ITypingUpdate);
            public chatId: string;
            public typing: boolean;
            public static create(properties?: tidings.v1.ITypingUpdate): tidings.v1.TypingUpdate;
            public static encode(m: tidings.v1.ITypingUpdate, w?: $protobuf.Writer): $protobuf.Writer;
            public static decode(r: ($protobuf.Reader|Uint8Array), l?: number): tidings.v1.TypingUpdate;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface ITyping {
            chatId?: (string|null);
            userId?: (string|null);
            typing?: (boolean|null);
            expiresInMs?: (number|null);
        }

        class Typing implements ITyping {
            constructor(p?: tidings.v1.ITyping);
            public chatId: string;
            public userId: string;
            public typing: boolean;
            public expiresInMs: number;
            public static create(properties?: tidings.v1.ITyping): tidings.v1.Typing;
            public static encode(m: tidings.v1.ITyping, w?: $protobuf.Writer): $protobuf.Writer;
            public static decode(r: ($protobuf.Reader|Uint8Array), l?: number): tidings.v1.Typing;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IPresenceQuery {
            userIds?: (string[]|null);
        }

        class PresenceQuery implements IPresenceQuery {
            constructor(p?: tidings.v1.IPresenceQuery);
            public userIds: string[];
            public static create(properties?: tidings.v1.IPresenceQuery): tidings.v1.PresenceQuery;
            public static encode(m: tidings.v1.IPresenceQuery, w?: $protobuf.Writer): $protobuf.Writer;
            public static decode(r: ($protobuf.Reader|Uint8Array), l?: number): tidings.v1.PresenceQuery;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IPresence {
            userId?: (string|null);
            online?: (boolean|null);
            lastSeenAt?: (number|null);
        }

        class Presence implements IPresence {
            constructor(p?: tidings.v1.IPresence);
            public userId: string;
            public online: boolean;
            public lastSeenAt: number;
            public static create(properties?: tidings.v1.IPresence): tidings.v1.Presence;
            public static encode(m: tidings.v1.IPresence, w?: $protobuf.Writer): $protobuf.Writer;
            public static decode(r: ($protobuf.Reader|Uint8Array), l?: number): tidings.v1.Presence;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IChatCursor {
            chatId?: (string|null);
            seq?: (number|null);
            readSeq?: (number|null);
        }

        class ChatCursor implements IChatCursor {
            constructor(p?: tidings.v1.IChatCursor);
            public chatId: string;
            public seq: number;
            public readSeq: number;
            public static create(properties?: tidings.v1.IChatCursor): tidings.v1.ChatCursor;
            public static encode(m: tidings.v1.IChatCursor, w?: $protobuf.Writer): $protobuf.Writer;
            public static decode(r: ($protobuf.Reader|Uint8Array), l?: number): tidings.v1.ChatCursor;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface ISyncRequest {
            cursors?: (tidings.v1.IChatCursor[]|null);
        }

        class SyncRequest implements ISyncRequest {
            constructor(p?: tidings.v1.ISyncRequest);
            public cursors: tidings.v1.IChatCursor[];
            public static create(properties?: tidings.v1.ISyncRequest): tidings.v1.SyncRequest;
            public static encode(m: tidings.v1.ISyncRequest, w?: $protobuf.Writer): $protobuf.Writer;
            public static decode(r: ($protobuf.Reader|Uint8Array), l?: number): tidings.v1.SyncRequest;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IChatState {
            chatId?: (string|null);
            lastSeq?: (number|null);
            readSeq?: (number|null);
        }

        class ChatState implements IChatState {
            constructor(p?: tidings.v1.IChatState);
            public chatId: string;
            public lastSeq: number;
            public readSeq: number;
            public static create(properties?: tidings.v1.IChatState): tidings.v1.ChatState;
            public static encode(m: tidings.v1.IChatState, w?: $protobuf.Writer): $protobuf.Writer;
            public static decode(r: ($protobuf.Reader|Uint8Array), l?: number): tidings.v1.ChatState;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface ISyncResponse {
            chats?: (tidings.v1.IChatState[]|null);
        }

        class SyncResponse implements ISyncResponse {
            constructor(p?: tidings.v1.ISyncResponse);
            public chats: tidings.v1.IChatState[];
            public static create(properties?: tidings.v1.ISyncResponse): tidings.v1.SyncResponse;
            public static encode(m: tidings.v1.ISyncResponse, w?: $protobuf.Writer): $protobuf.Writer;
            public static decode(r: ($protobuf.Reader|Uint8Array), l?: number): tidings.v1.SyncResponse;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        enum ChatUpdateKind {
            CHAT_UPDATE_KIND_UNSPECIFIED = 0,
            CHAT_UPDATE_KIND_CREATED = 1,
            CHAT_UPDATE_KIND_MEMBER_ADDED = 2,
            CHAT_UPDATE_KIND_MEMBER_REMOVED = 3,
            CHAT_UPDATE_KIND_RENAMED = 4,
            CHAT_UPDATE_KIND_ROLE_CHANGED = 5
        }

        interface IChatUpdate {
            chatId?: (string|null);
            kind?: (tidings.v1.ChatUpdateKind|null);
            userId?: (string|null);
            title?: (string|null);
            at?: (number|null);
            role?: (string|null);
        }

        class ChatUpdate implements IChatUpdate {
            constructor(p?: tidings.v1.IChatUpdate);
            public chatId: string;
            public kind: tidings.v1.ChatUpdateKind;
            public userId: string;
            public title: string;
            public at: number;
            public role: string;
            public static create(properties?: tidings.v1.IChatUpdate): tidings.v1.ChatUpdate;
            public static encode(m: tidings.v1.IChatUpdate, w?: $protobuf.Writer): $protobuf.Writer;
            public static decode(r: ($protobuf.Reader|Uint8Array), l?: number): tidings.v1.ChatUpdate;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IError {
            code?: (string|null);
            message?: (string|null);
            chatId?: (string|null);
            clientMsgId?: (Uint8Array|null);
            deviceId?: (string|null);
        }

        class Error implements IError {
            constructor(p?: tidings.v1.IError);
            public code: string;
            public message: string;
            public chatId: string;
            public clientMsgId: Uint8Array;
            public deviceId: string;
            public static create(properties?: tidings.v1.IError): tidings.v1.Error;
            public static encode(m: tidings.v1.IError, w?: $protobuf.Writer): $protobuf.Writer;
            public static decode(r: ($protobuf.Reader|Uint8Array), l?: number): tidings.v1.Error;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }
    }
}
