// DO NOT EDIT. Generated from proto/tidings.proto by `npm run proto:gen`.
/* eslint-disable */
import $protobuf from "protobufjs/minimal.js"

// 64-bit fields as plain numbers (seqs and timestamps stay below 2^53). Must run before the
// prototype defaults below are built, so it lives here rather than in hand-written code.
$protobuf.util.Long = undefined;
$protobuf.configure();;

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const tidings = $root.tidings = (() => {

    /**
     * Namespace tidings.
     * @exports tidings
     * @namespace
     */
    const tidings = {};

    tidings.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof tidings
         * @namespace
         */
        const v1 = {};

        v1.ClientEnvelope = (function() {

            /**
             * Properties of a ClientEnvelope.
             * @memberof tidings.v1
             * @interface IClientEnvelope
             * @property {tidings.v1.ISendMessage|null} [send] ClientEnvelope send
             * @property {tidings.v1.IReceiptUpdate|null} [receipt] ClientEnvelope receipt
             * @property {tidings.v1.ITypingUpdate|null} [typing] ClientEnvelope typing
             * @property {tidings.v1.IPresenceQuery|null} [presenceQuery] ClientEnvelope presenceQuery
             * @property {tidings.v1.ISyncRequest|null} [sync] ClientEnvelope sync
             */

            /**
             * Constructs a new ClientEnvelope.
             * @memberof tidings.v1
             * @classdesc Represents a ClientEnvelope.
             * @implements IClientEnvelope
             * @constructor
             * @param {tidings.v1.IClientEnvelope=} [p] Properties to set
             */
            function ClientEnvelope(p) {
                if (p)
                    for (var ks = Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            }

            /**
             * ClientEnvelope send.
             * @member {tidings.v1.ISendMessage|null|undefined} send
             * @memberof tidings.v1.ClientEnvelope
             * @instance
             */
            ClientEnvelope.prototype.send = null;

            /**
             * ClientEnvelope receipt.
             * @member {tidings.v1.IReceiptUpdate|null|undefined} receipt
             * @memberof tidings.v1.ClientEnvelope
             * @instance
             */
            ClientEnvelope.prototype.receipt = null;

            /**
             * ClientEnvelope typing.
             * @member {tidings.v1.ITypingUpdate|null|undefined} typing
             * @memberof tidings.v1.ClientEnvelope
             * @instance
             */
            ClientEnvelope.prototype.typing = null;

            /**
             * ClientEnvelope presenceQuery.
             * @member {tidings.v1.IPresenceQuery|null|undefined} presenceQuery
             * @memberof tidings.v1.ClientEnvelope
             * @instance
             */
            ClientEnvelope.prototype.presenceQuery = null;

            /**
             * ClientEnvelope sync.
             * @member {tidings.v1.ISyncRequest|null|undefined} sync
             * @memberof tidings.v1.ClientEnvelope
             * @instance
             */
            ClientEnvelope.prototype.sync = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * ClientEnvelope event.
             * @member {"send"|"receipt"|"typing"|"presenceQuery"|"sync"|undefined} event
             * @memberof tidings.v1.ClientEnvelope
             * @instance
             */
            Object.defineProperty(ClientEnvelope.prototype, "event", {
                get: $util.oneOfGetter($oneOfFields = ["send", "receipt", "typing", "presenceQuery", "sync"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new ClientEnvelope instance using the specified properties.
             * @function create
             * @memberof tidings.v1.ClientEnvelope
             * @static
             * @param {tidings.v1.IClientEnvelope=} [properties] Properties to set
             * @returns {tidings.v1.ClientEnvelope} ClientEnvelope instance
             */
            ClientEnvelope.create = function create(properties) {
                return new ClientEnvelope(properties);
            };

            /**
             * Encodes the specified ClientEnvelope message. Does not implicitly {@link tidings.v1.ClientEnvelope.verify|verify} messages.
             * @function encode
             * @memberof tidings.v1.ClientEnvelope
             * @static
             * @param {tidings.v1.IClientEnvelope} m ClientEnvelope message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ClientEnvelope.encode = function encode(m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (m.send != null && Object.hasOwnProperty.call(m, "send"))
                    $root.tidings.v1.SendMessage.encode(m.send, w.uint32(10).fork(), q + 1).ldelim();
                if (m.receipt != null && Object.hasOwnProperty.call(m, "receipt"))
                    $root.tidings.v1.ReceiptUpdate.encode(m.receipt, w.uint32(18).fork(), q + 1).ldelim();
                if (m.typing != null && Object.hasOwnProperty.call(m, "typing"))
                    $root.tidings.v1.TypingUpdate.encode(m.typing, w.uint32(26).fork(), q + 1).ldelim();
                if (m.presenceQuery != null && Object.hasOwnProperty.call(m, "presenceQuery"))
                    $root.tidings.v1.PresenceQuery.encode(m.presenceQuery, w.uint32(34).fork(), q + 1).ldelim();
                if (m.sync != null && Object.hasOwnProperty.call(m, "sync"))
                    $root.tidings.v1.SyncRequest.encode(m.sync, w.uint32(42).fork(), q + 1).ldelim();
                return w;
            };

            /**
             * Decodes a ClientEnvelope message from the specified reader or buffer.
             * @function decode
             * @memberof tidings.v1.ClientEnvelope
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {tidings.v1.ClientEnvelope} ClientEnvelope
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ClientEnvelope.decode = function decode(r, l, e, n) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (n === undefined)
                    n = 0;
                if (n > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var c, m;
                if (l === undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = new $root.tidings.v1.ClientEnvelope();
                while (r.pos < c) {
                    var t = r.uint32();
                    if (t === e)
                        break;
                    switch (t >>> 3) {
                    case 1: {
                            m.send = $root.tidings.v1.SendMessage.decode(r, r.uint32(), undefined, n + 1);
                            break;
                        }
                    case 2: {
                            m.receipt = $root.tidings.v1.ReceiptUpdate.decode(r, r.uint32(), undefined, n + 1);
                            break;
                        }
                    case 3: {
                            m.typing = $root.tidings.v1.TypingUpdate.decode(r, r.uint32(), undefined, n + 1);
                            break;
                        }
                    case 4: {
                            m.presenceQuery = $root.tidings.v1.PresenceQuery.decode(r, r.uint32(), undefined, n + 1);
                            break;
                        }
                    case 5: {
                            m.sync = $root.tidings.v1.SyncRequest.decode(r, r.uint32(), undefined, n + 1);
                            break;
                        }
                    default:
                        r.skipType(t & 7, n);
                        break;
                    }
                }
                if (l !== undefined) {
                    if (r.pos !== c)
                        throw RangeError("index out of range");
                    r.len = l;
                }
                return m;
            };

            /**
             * Gets the default type url for ClientEnvelope
             * @function getTypeUrl
             * @memberof tidings.v1.ClientEnvelope
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            ClientEnvelope.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/tidings.v1.ClientEnvelope";
            };

            return ClientEnvelope;
        })();

        v1.ServerEnvelope = (function() {

            /**
             * Properties of a ServerEnvelope.
             * @memberof tidings.v1
             * @interface IServerEnvelope
             * @property {tidings.v1.IMessage|null} [message] ServerEnvelope message
             * @property {tidings.v1.ISendAck|null} [ack] ServerEnvelope ack
             * @property {tidings.v1.IReceipt|null} [receipt] ServerEnvelope receipt
             * @property {tidings.v1.ITyping|null} [typing] ServerEnvelope typing
             * @property {tidings.v1.IPresence|null} [presence] ServerEnvelope presence
             * @property {tidings.v1.ISyncResponse|null} [sync] ServerEnvelope sync
             * @property {tidings.v1.IError|null} [error] ServerEnvelope error
             * @property {tidings.v1.IChatUpdate|null} [chatUpdate] ServerEnvelope chatUpdate
             */

            /**
             * Constructs a new ServerEnvelope.
             * @memberof tidings.v1
             * @classdesc Represents a ServerEnvelope.
             * @implements IServerEnvelope
             * @constructor
             * @param {tidings.v1.IServerEnvelope=} [p] Properties to set
             */
            function ServerEnvelope(p) {
                if (p)
                    for (var ks = Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            }

            /**
             * ServerEnvelope message.
             * @member {tidings.v1.IMessage|null|undefined} message
             * @memberof tidings.v1.ServerEnvelope
             * @instance
             */
            ServerEnvelope.prototype.message = null;

            /**
             * ServerEnvelope ack.
             * @member {tidings.v1.ISendAck|null|undefined} ack
             * @memberof tidings.v1.ServerEnvelope
             * @instance
             */
            ServerEnvelope.prototype.ack = null;

            /**
             * ServerEnvelope receipt.
             * @member {tidings.v1.IReceipt|null|undefined} receipt
             * @memberof tidings.v1.ServerEnvelope
             * @instance
             */
            ServerEnvelope.prototype.receipt = null;

            /**
             * ServerEnvelope typing.
             * @member {tidings.v1.ITyping|null|undefined} typing
             * @memberof tidings.v1.ServerEnvelope
             * @instance
             */
            ServerEnvelope.prototype.typing = null;

            /**
             * ServerEnvelope presence.
             * @member {tidings.v1.IPresence|null|undefined} presence
             * @memberof tidings.v1.ServerEnvelope
             * @instance
             */
            ServerEnvelope.prototype.presence = null;

            /**
             * ServerEnvelope sync.
             * @member {tidings.v1.ISyncResponse|null|undefined} sync
             * @memberof tidings.v1.ServerEnvelope
             * @instance
             */
            ServerEnvelope.prototype.sync = null;

            /**
             * ServerEnvelope error.
             * @member {tidings.v1.IError|null|undefined} error
             * @memberof tidings.v1.ServerEnvelope
             * @instance
             */
            ServerEnvelope.prototype.error = null;

            /**
             * ServerEnvelope chatUpdate.
             * @member {tidings.v1.IChatUpdate|null|undefined} chatUpdate
             * @memberof tidings.v1.ServerEnvelope
             * @instance
             */
            ServerEnvelope.prototype.chatUpdate = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * ServerEnvelope event.
             * @member {"message"|"ack"|"receipt"|"typing"|"presence"|"sync"|"error"|"chatUpdate"|undefined} event
             * @memberof tidings.v1.ServerEnvelope
             * @instance
             */
            Object.defineProperty(ServerEnvelope.prototype, "event", {
                get: $util.oneOfGetter($oneOfFields = ["message", "ack", "receipt", "typing", "presence", "sync", "error", "chatUpdate"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new ServerEnvelope instance using the specified properties.
             * @function create
             * @memberof tidings.v1.ServerEnvelope
             * @static
             * @param {tidings.v1.IServerEnvelope=} [properties] Properties to set
             * @returns {tidings.v1.ServerEnvelope} ServerEnvelope instance
             */
            ServerEnvelope.create = function create(properties) {
                return new ServerEnvelope(properties);
            };

            /**
             * Encodes the specified ServerEnvelope message. Does not implicitly {@link tidings.v1.ServerEnvelope.verify|verify} messages.
             * @function encode
             * @memberof tidings.v1.ServerEnvelope
             * @static
             * @param {tidings.v1.IServerEnvelope} m ServerEnvelope message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ServerEnvelope.encode = function encode(m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (m.message != null && Object.hasOwnProperty.call(m, "message"))
                    $root.tidings.v1.Message.encode(m.message, w.uint32(10).fork(), q + 1).ldelim();
                if (m.ack != null && Object.hasOwnProperty.call(m, "ack"))
                    $root.tidings.v1.SendAck.encode(m.ack, w.uint32(18).fork(), q + 1).ldelim();
                if (m.receipt != null && Object.hasOwnProperty.call(m, "receipt"))
                    $root.tidings.v1.Receipt.encode(m.receipt, w.uint32(26).fork(), q + 1).ldelim();
                if (m.typing != null && Object.hasOwnProperty.call(m, "typing"))
                    $root.tidings.v1.Typing.encode(m.typing, w.uint32(34).fork(), q + 1).ldelim();
                if (m.presence != null && Object.hasOwnProperty.call(m, "presence"))
                    $root.tidings.v1.Presence.encode(m.presence, w.uint32(42).fork(), q + 1).ldelim();
                if (m.sync != null && Object.hasOwnProperty.call(m, "sync"))
                    $root.tidings.v1.SyncResponse.encode(m.sync, w.uint32(50).fork(), q + 1).ldelim();
                if (m.error != null && Object.hasOwnProperty.call(m, "error"))
                    $root.tidings.v1.Error.encode(m.error, w.uint32(58).fork(), q + 1).ldelim();
                if (m.chatUpdate != null && Object.hasOwnProperty.call(m, "chatUpdate"))
                    $root.tidings.v1.ChatUpdate.encode(m.chatUpdate, w.uint32(66).fork(), q + 1).ldelim();
                return w;
            };

            /**
             * Decodes a ServerEnvelope message from the specified reader or buffer.
             * @function decode
             * @memberof tidings.v1.ServerEnvelope
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {tidings.v1.ServerEnvelope} ServerEnvelope
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ServerEnvelope.decode = function decode(r, l, e, n) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (n === undefined)
                    n = 0;
                if (n > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var c, m;
                if (l === undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = new $root.tidings.v1.ServerEnvelope();
                while (r.pos < c) {
                    var t = r.uint32();
                    if (t === e)
                        break;
                    switch (t >>> 3) {
                    case 1: {
                            m.message = $root.tidings.v1.Message.decode(r, r.uint32(), undefined, n + 1);
                            break;
                        }
                    case 2: {
                            m.ack = $root.tidings.v1.SendAck.decode(r, r.uint32(), undefined, n + 1);
                            break;
                        }
                    case 3: {
                            m.receipt = $root.tidings.v1.Receipt.decode(r, r.uint32(), undefined, n + 1);
                            break;
                        }
                    case 4: {
                            m.typing = $root.tidings.v1.Typing.decode(r, r.uint32(), undefined, n + 1);
                            break;
                        }
                    case 5: {
                            m.presence = $root.tidings.v1.Presence.decode(r, r.uint32(), undefined, n + 1);
                            break;
                        }
                    case 6: {
                            m.sync = $root.tidings.v1.SyncResponse.decode(r, r.uint32(), undefined, n + 1);
                            break;
                        }
                    case 7: {
                            m.error = $root.tidings.v1.Error.decode(r, r.uint32(), undefined, n + 1);
                            break;
                        }
                    case 8: {
                            m.chatUpdate = $root.tidings.v1.ChatUpdate.decode(r, r.uint32(), undefined, n + 1);
                            break;
                        }
                    default:
                        r.skipType(t & 7, n);
                        break;
                    }
                }
                if (l !== undefined) {
                    if (r.pos !== c)
                        throw RangeError("index out of range");
                    r.len = l;
                }
                return m;
            };

            /**
             * Gets the default type url for ServerEnvelope
             * @function getTypeUrl
             * @memberof tidings.v1.ServerEnvelope
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            ServerEnvelope.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/tidings.v1.ServerEnvelope";
            };

            return ServerEnvelope;
        })();

        /**
         * MessageKind enum.
         * @name tidings.v1.MessageKind
         * @enum {number}
         * @property {number} MESSAGE_KIND_NORMAL=0 MESSAGE_KIND_NORMAL value
         * @property {number} MESSAGE_KIND_EDIT=1 MESSAGE_KIND_EDIT value
         * @property {number} MESSAGE_KIND_DELETE=2 MESSAGE_KIND_DELETE value
         * @property {number} MESSAGE_KIND_REACTION=3 MESSAGE_KIND_REACTION value
         */
        v1.MessageKind = (function() {
            const valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "MESSAGE_KIND_NORMAL"] = 0;
            values[valuesById[1] = "MESSAGE_KIND_EDIT"] = 1;
            values[valuesById[2] = "MESSAGE_KIND_DELETE"] = 2;
            values[valuesById[3] = "MESSAGE_KIND_REACTION"] = 3;
            return values;
        })();

        v1.SendMessage = (function() {

            /**
             * Properties of a SendMessage.
             * @memberof tidings.v1
             * @interface ISendMessage
             * @property {string|null} [chatId] SendMessage chatId
             * @property {Uint8Array|null} [clientMsgId] SendMessage clientMsgId
             * @property {Uint8Array|null} [body] SendMessage body
             * @property {string|null} [contentType] SendMessage contentType
             * @property {tidings.v1.MessageKind|null} [kind] SendMessage kind
             * @property {number|null} [replyToSeq] SendMessage replyToSeq
             * @property {number|null} [targetSeq] SendMessage targetSeq
             * @property {boolean|null} [resend] SendMessage resend
             */

            /**
             * Constructs a new SendMessage.
             * @memberof tidings.v1
             * @classdesc Represents a SendMessage.
             * @implements ISendMessage
             * @constructor
             * @param {tidings.v1.ISendMessage=} [p] Properties to set
             */
            function SendMessage(p) {
                if (p)
                    for (var ks = Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            }

            /**
             * SendMessage chatId.
             * @member {string} chatId
             * @memberof tidings.v1.SendMessage
             * @instance
             */
            SendMessage.prototype.chatId = "";

            /**
             * SendMessage clientMsgId.
             * @member {Uint8Array} clientMsgId
             * @memberof tidings.v1.SendMessage
             * @instance
             */
            SendMessage.prototype.clientMsgId = $util.newBuffer([]);

            /**
             * SendMessage body.
             * @member {Uint8Array} body
             * @memberof tidings.v1.SendMessage
             * @instance
             */
            SendMessage.prototype.body = $util.newBuffer([]);

            /**
             * SendMessage contentType.
             * @member {string} contentType
             * @memberof tidings.v1.SendMessage
             * @instance
             */
            SendMessage.prototype.contentType = "";

            /**
             * SendMessage kind.
             * @member {tidings.v1.MessageKind} kind
             * @memberof tidings.v1.SendMessage
             * @instance
             */
            SendMessage.prototype.kind = 0;

            /**
             * SendMessage replyToSeq.
             * @member {number} replyToSeq
             * @memberof tidings.v1.SendMessage
             * @instance
             */
            SendMessage.prototype.replyToSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SendMessage targetSeq.
             * @member {number} targetSeq
             * @memberof tidings.v1.SendMessage
             * @instance
             */
            SendMessage.prototype.targetSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SendMessage resend.
             * @member {boolean} resend
             * @memberof tidings.v1.SendMessage
             * @instance
             */
            SendMessage.prototype.resend = false;

            /**
             * Creates a new SendMessage instance using the specified properties.
             * @function create
             * @memberof tidings.v1.SendMessage
             * @static
             * @param {tidings.v1.ISendMessage=} [properties] Properties to set
             * @returns {tidings.v1.SendMessage} SendMessage instance
             */
            SendMessage.create = function create(properties) {
                return new SendMessage(properties);
            };

            /**
             * Encodes the specified SendMessage message. Does not implicitly {@link tidings.v1.SendMessage.verify|verify} messages.
             * @function encode
             * @memberof tidings.v1.SendMessage
             * @static
             * @param {tidings.v1.ISendMessage} m SendMessage message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SendMessage.encode = function encode(m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (m.chatId != null && Object.hasOwnProperty.call(m, "chatId"))
                    w.uint32(10).string(m.chatId);
                if (m.clientMsgId != null && Object.hasOwnProperty.call(m, "clientMsgId"))
                    w.uint32(18).bytes(m.clientMsgId);
                if (m.body != null && Object.hasOwnProperty.call(m, "body"))
                    w.uint32(26).bytes(m.body);
                if (m.contentType != null && Object.hasOwnProperty.call(m, "contentType"))
                    w.uint32(34).string(m.contentType);
                if (m.kind != null && Object.hasOwnProperty.call(m, "kind"))
                    w.uint32(40).int32(m.kind);
                if (m.replyToSeq != null && Object.hasOwnProperty.call(m, "replyToSeq"))
                    w.uint32(48).uint64(m.replyToSeq);
                if (m.targetSeq != null && Object.hasOwnProperty.call(m, "targetSeq"))
                    w.uint32(56).uint64(m.targetSeq);
                if (m.resend != null && Object.hasOwnProperty.call(m, "resend"))
                    w.uint32(64).bool(m.resend);
                return w;
            };

            /**
             * Decodes a SendMessage message from the specified reader or buffer.
             * @function decode
             * @memberof tidings.v1.SendMessage
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {tidings.v1.SendMessage} SendMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SendMessage.decode = function decode(r, l, e, n) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (n === undefined)
                    n = 0;
                if (n > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var c, m;
                if (l === undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = new $root.tidings.v1.SendMessage();
                while (r.pos < c) {
                    var t = r.uint32();
                    if (t === e)
                        break;
                    switch (t >>> 3) {
                    case 1: {
                            m.chatId = r.string();
                            break;
                        }
                    case 2: {
                            m.clientMsgId = r.bytes();
                            break;
                        }
                    case 3: {
                            m.body = r.bytes();
                            break;
                        }
                    case 4: {
                            m.contentType = r.string();
                            break;
                        }
                    case 5: {
                            m.kind = r.int32();
                            break;
                        }
                    case 6: {
                            m.replyToSeq = r.uint64();
                            break;
                        }
                    case 7: {
                            m.targetSeq = r.uint64();
                            break;
                        }
                    case 8: {
                            m.resend = r.bool();
                            break;
                        }
                    default:
                        r.skipType(t & 7, n);
                        break;
                    }
                }
                if (l !== undefined) {
                    if (r.pos !== c)
                        throw RangeError("index out of range");
                    r.len = l;
                }
                return m;
            };

            /**
             * Gets the default type url for SendMessage
             * @function getTypeUrl
             * @memberof tidings.v1.SendMessage
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            SendMessage.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/tidings.v1.SendMessage";
            };

            return SendMessage;
        })();

        v1.Message = (function() {

            /**
             * Properties of a Message.
             * @memberof tidings.v1
             * @interface IMessage
             * @property {string|null} [chatId] Message chatId
             * @property {number|null} [seq] Message seq
             * @property {string|null} [senderId] Message senderId
             * @property {string|null} [senderDevice] Message senderDevice
             * @property {Uint8Array|null} [clientMsgId] Message clientMsgId
             * @property {number|null} [sentAt] Message sentAt
             * @property {Uint8Array|null} [body] Message body
             * @property {string|null} [contentType] Message contentType
             * @property {tidings.v1.MessageKind|null} [kind] Message kind
             * @property {number|null} [replyToSeq] Message replyToSeq
             * @property {number|null} [targetSeq] Message targetSeq
             */

            /**
             * Constructs a new Message.
             * @memberof tidings.v1
             * @classdesc Represents a Message.
             * @implements IMessage
             * @constructor
             * @param {tidings.v1.IMessage=} [p] Properties to set
             */
            function Message(p) {
                if (p)
                    for (var ks = Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            }

            /**
             * Message chatId.
             * @member {string} chatId
             * @memberof tidings.v1.Message
             * @instance
             */
            Message.prototype.chatId = "";

            /**
             * Message seq.
             * @member {number} seq
             * @memberof tidings.v1.Message
             * @instance
             */
            Message.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Message senderId.
             * @member {string} senderId
             * @memberof tidings.v1.Message
             * @instance
             */
            Message.prototype.senderId = "";

            /**
             * Message senderDevice.
             * @member {string} senderDevice
             * @memberof tidings.v1.Message
             * @instance
             */
            Message.prototype.senderDevice = "";

            /**
             * Message clientMsgId.
             * @member {Uint8Array} clientMsgId
             * @memberof tidings.v1.Message
             * @instance
             */
            Message.prototype.clientMsgId = $util.newBuffer([]);

            /**
             * Message sentAt.
             * @member {number} sentAt
             * @memberof tidings.v1.Message
             * @instance
             */
            Message.prototype.sentAt = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Message body.
             * @member {Uint8Array} body
             * @memberof tidings.v1.Message
             * @instance
             */
            Message.prototype.body = $util.newBuffer([]);

            /**
             * Message contentType.
             * @member {string} contentType
             * @memberof tidings.v1.Message
             * @instance
             */
            Message.prototype.contentType = "";

            /**
             * Message kind.
             * @member {tidings.v1.MessageKind} kind
             * @memberof tidings.v1.Message
             * @instance
             */
            Message.prototype.kind = 0;

            /**
             * Message replyToSeq.
             * @member {number} replyToSeq
             * @memberof tidings.v1.Message
             * @instance
             */
            Message.prototype.replyToSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Message targetSeq.
             * @member {number} targetSeq
             * @memberof tidings.v1.Message
             * @instance
             */
            Message.prototype.targetSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Message instance using the specified properties.
             * @function create
             * @memberof tidings.v1.Message
             * @static
             * @param {tidings.v1.IMessage=} [properties] Properties to set
             * @returns {tidings.v1.Message} Message instance
             */
            Message.create = function create(properties) {
                return new Message(properties);
            };

            /**
             * Encodes the specified Message message. Does not implicitly {@link tidings.v1.Message.verify|verify} messages.
             * @function encode
             * @memberof tidings.v1.Message
             * @static
             * @param {tidings.v1.IMessage} m Message message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Message.encode = function encode(m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (m.chatId != null && Object.hasOwnProperty.call(m, "chatId"))
                    w.uint32(10).string(m.chatId);
                if (m.seq != null && Object.hasOwnProperty.call(m, "seq"))
                    w.uint32(16).uint64(m.seq);
                if (m.senderId != null && Object.hasOwnProperty.call(m, "senderId"))
                    w.uint32(26).string(m.senderId);
                if (m.senderDevice != null && Object.hasOwnProperty.call(m, "senderDevice"))
                    w.uint32(34).string(m.senderDevice);
                if (m.clientMsgId != null && Object.hasOwnProperty.call(m, "clientMsgId"))
                    w.uint32(42).bytes(m.clientMsgId);
                if (m.sentAt != null && Object.hasOwnProperty.call(m, "sentAt"))
                    w.uint32(48).int64(m.sentAt);
                if (m.body != null && Object.hasOwnProperty.call(m, "body"))
                    w.uint32(58).bytes(m.body);
                if (m.contentType != null && Object.hasOwnProperty.call(m, "contentType"))
                    w.uint32(66).string(m.contentType);
                if (m.kind != null && Object.hasOwnProperty.call(m, "kind"))
                    w.uint32(72).int32(m.kind);
                if (m.replyToSeq != null && Object.hasOwnProperty.call(m, "replyToSeq"))
                    w.uint32(80).uint64(m.replyToSeq);
                if (m.targetSeq != null && Object.hasOwnProperty.call(m, "targetSeq"))
                    w.uint32(88).uint64(m.targetSeq);
                return w;
            };

            /**
             * Decodes a Message message from the specified reader or buffer.
             * @function decode
             * @memberof tidings.v1.Message
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {tidings.v1.Message} Message
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Message.decode = function decode(r, l, e, n) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (n === undefined)
                    n = 0;
                if (n > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var c, m;
                if (l === undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = new $root.tidings.v1.Message();
                while (r.pos < c) {
                    var t = r.uint32();
                    if (t === e)
                        break;
                    switch (t >>> 3) {
                    case 1: {
                            m.chatId = r.string();
                            break;
                        }
                    case 2: {
                            m.seq = r.uint64();
                            break;
                        }
                    case 3: {
                            m.senderId = r.string();
                            break;
                        }
                    case 4: {
                            m.senderDevice = r.string();
                            break;
                        }
                    case 5: {
                            m.clientMsgId = r.bytes();
                            break;
                        }
                    case 6: {
                            m.sentAt = r.int64();
                            break;
                        }
                    case 7: {
                            m.body = r.bytes();
                            break;
                        }
                    case 8: {
                            m.contentType = r.string();
                            break;
                        }
                    case 9: {
                            m.kind = r.int32();
                            break;
                        }
                    case 10: {
                            m.replyToSeq = r.uint64();
                            break;
                        }
                    case 11: {
                            m.targetSeq = r.uint64();
                            break;
                        }
                    default:
                        r.skipType(t & 7, n);
                        break;
                    }
                }
                if (l !== undefined) {
                    if (r.pos !== c)
                        throw RangeError("index out of range");
                    r.len = l;
                }
                return m;
            };

            /**
             * Gets the default type url for Message
             * @function getTypeUrl
             * @memberof tidings.v1.Message
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            Message.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/tidings.v1.Message";
            };

            return Message;
        })();

        v1.SendAck = (function() {

            /**
             * Properties of a SendAck.
             * @memberof tidings.v1
             * @interface ISendAck
             * @property {string|null} [chatId] SendAck chatId
             * @property {Uint8Array|null} [clientMsgId] SendAck clientMsgId
             * @property {number|null} [seq] SendAck seq
             * @property {number|null} [sentAt] SendAck sentAt
             * @property {boolean|null} [duplicate] SendAck duplicate
             */

            /**
             * Constructs a new SendAck.
             * @memberof tidings.v1
             * @classdesc Represents a SendAck.
             * @implements ISendAck
             * @constructor
             * @param {tidings.v1.ISendAck=} [p] Properties to set
             */
            function SendAck(p) {
                if (p)
                    for (var ks = Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            }

            /**
             * SendAck chatId.
             * @member {string} chatId
             * @memberof tidings.v1.SendAck
             * @instance
             */
            SendAck.prototype.chatId = "";

            /**
             * SendAck clientMsgId.
             * @member {Uint8Array} clientMsgId
             * @memberof tidings.v1.SendAck
             * @instance
             */
            SendAck.prototype.clientMsgId = $util.newBuffer([]);

            /**
             * SendAck seq.
             * @member {number} seq
             * @memberof tidings.v1.SendAck
             * @instance
             */
            SendAck.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SendAck sentAt.
             * @member {number} sentAt
             * @memberof tidings.v1.SendAck
             * @instance
             */
            SendAck.prototype.sentAt = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * SendAck duplicate.
             * @member {boolean} duplicate
             * @memberof tidings.v1.SendAck
             * @instance
             */
            SendAck.prototype.duplicate = false;

            /**
             * Creates a new SendAck instance using the specified properties.
             * @function create
             * @memberof tidings.v1.SendAck
             * @static
             * @param {tidings.v1.ISendAck=} [properties] Properties to set
             * @returns {tidings.v1.SendAck} SendAck instance
             */
            SendAck.create = function create(properties) {
                return new SendAck(properties);
            };

            /**
             * Encodes the specified SendAck message. Does not implicitly {@link tidings.v1.SendAck.verify|verify} messages.
             * @function encode
             * @memberof tidings.v1.SendAck
             * @static
             * @param {tidings.v1.ISendAck} m SendAck message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SendAck.encode = function encode(m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (m.chatId != null && Object.hasOwnProperty.call(m, "chatId"))
                    w.uint32(10).string(m.chatId);
                if (m.clientMsgId != null && Object.hasOwnProperty.call(m, "clientMsgId"))
                    w.uint32(18).bytes(m.clientMsgId);
                if (m.seq != null && Object.hasOwnProperty.call(m, "seq"))
                    w.uint32(24).uint64(m.seq);
                if (m.sentAt != null && Object.hasOwnProperty.call(m, "sentAt"))
                    w.uint32(32).int64(m.sentAt);
                if (m.duplicate != null && Object.hasOwnProperty.call(m, "duplicate"))
                    w.uint32(40).bool(m.duplicate);
                return w;
            };

            /**
             * Decodes a SendAck message from the specified reader or buffer.
             * @function decode
             * @memberof tidings.v1.SendAck
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {tidings.v1.SendAck} SendAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SendAck.decode = function decode(r, l, e, n) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (n === undefined)
                    n = 0;
                if (n > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var c, m;
                if (l === undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = new $root.tidings.v1.SendAck();
                while (r.pos < c) {
                    var t = r.uint32();
                    if (t === e)
                        break;
                    switch (t >>> 3) {
                    case 1: {
                            m.chatId = r.string();
                            break;
                        }
                    case 2: {
                            m.clientMsgId = r.bytes();
                            break;
                        }
                    case 3: {
                            m.seq = r.uint64();
                            break;
                        }
                    case 4: {
                            m.sentAt = r.int64();
                            break;
                        }
                    case 5: {
                            m.duplicate = r.bool();
                            break;
                        }
                    default:
                        r.skipType(t & 7, n);
                        break;
                    }
                }
                if (l !== undefined) {
                    if (r.pos !== c)
                        throw RangeError("index out of range");
                    r.len = l;
                }
                return m;
            };

            /**
             * Gets the default type url for SendAck
             * @function getTypeUrl
             * @memberof tidings.v1.SendAck
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            SendAck.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/tidings.v1.SendAck";
            };

            return SendAck;
        })();

        /**
         * ReceiptKind enum.
         * @name tidings.v1.ReceiptKind
         * @enum {number}
         * @property {number} RECEIPT_KIND_UNSPECIFIED=0 RECEIPT_KIND_UNSPECIFIED value
         * @property {number} RECEIPT_KIND_DELIVERED=1 RECEIPT_KIND_DELIVERED value
         * @property {number} RECEIPT_KIND_READ=2 RECEIPT_KIND_READ value
         */
        v1.ReceiptKind = (function() {
            const valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "RECEIPT_KIND_UNSPECIFIED"] = 0;
            values[valuesById[1] = "RECEIPT_KIND_DELIVERED"] = 1;
            values[valuesById[2] = "RECEIPT_KIND_READ"] = 2;
            return values;
        })();

        v1.ReceiptUpdate = (function() {

            /**
             * Properties of a ReceiptUpdate.
             * @memberof tidings.v1
             * @interface IReceiptUpdate
             * @property {string|null} [chatId] ReceiptUpdate chatId
             * @property {tidings.v1.ReceiptKind|null} [kind] ReceiptUpdate kind
             * @property {number|null} [upToSeq] ReceiptUpdate upToSeq
             */

            /**
             * Constructs a new ReceiptUpdate.
             * @memberof tidings.v1
             * @classdesc Represents a ReceiptUpdate.
             * @implements IReceiptUpdate
             * @constructor
             * @param {tidings.v1.IReceiptUpdate=} [p] Properties to set
             */
            function ReceiptUpdate(p) {
                if (p)
                    for (var ks = Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            }

            /**
             * ReceiptUpdate chatId.
             * @member {string} chatId
             * @memberof tidings.v1.ReceiptUpdate
             * @instance
             */
            ReceiptUpdate.prototype.chatId = "";

            /**
             * ReceiptUpdate kind.
             * @member {tidings.v1.ReceiptKind} kind
             * @memberof tidings.v1.ReceiptUpdate
             * @instance
             */
            ReceiptUpdate.prototype.kind = 0;

            /**
             * ReceiptUpdate upToSeq.
             * @member {number} upToSeq
             * @memberof tidings.v1.ReceiptUpdate
             * @instance
             */
            ReceiptUpdate.prototype.upToSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new ReceiptUpdate instance using the specified properties.
             * @function create
             * @memberof tidings.v1.ReceiptUpdate
             * @static
             * @param {tidings.v1.IReceiptUpdate=} [properties] Properties to set
             * @returns {tidings.v1.ReceiptUpdate} ReceiptUpdate instance
             */
            ReceiptUpdate.create = function create(properties) {
                return new ReceiptUpdate(properties);
            };

            /**
             * Encodes the specified ReceiptUpdate message. Does not implicitly {@link tidings.v1.ReceiptUpdate.verify|verify} messages.
             * @function encode
             * @memberof tidings.v1.ReceiptUpdate
             * @static
             * @param {tidings.v1.IReceiptUpdate} m ReceiptUpdate message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ReceiptUpdate.encode = function encode(m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (m.chatId != null && Object.hasOwnProperty.call(m, "chatId"))
                    w.uint32(10).string(m.chatId);
                if (m.kind != null && Object.hasOwnProperty.call(m, "kind"))
                    w.uint32(16).int32(m.kind);
                if (m.upToSeq != null && Object.hasOwnProperty.call(m, "upToSeq"))
                    w.uint32(24).uint64(m.upToSeq);
                return w;
            };

            /**
             * Decodes a ReceiptUpdate message from the specified reader or buffer.
             * @function decode
             * @memberof tidings.v1.ReceiptUpdate
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {tidings.v1.ReceiptUpdate} ReceiptUpdate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ReceiptUpdate.decode = function decode(r, l, e, n) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (n === undefined)
                    n = 0;
                if (n > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var c, m;
                if (l === undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = new $root.tidings.v1.ReceiptUpdate();
                while (r.pos < c) {
                    var t = r.uint32();
                    if (t === e)
                        break;
                    switch (t >>> 3) {
                    case 1: {
                            m.chatId = r.string();
                            break;
                        }
                    case 2: {
                            m.kind = r.int32();
                            break;
                        }
                    case 3: {
                            m.upToSeq = r.uint64();
                            break;
                        }
                    default:
                        r.skipType(t & 7, n);
                        break;
                    }
                }
                if (l !== undefined) {
                    if (r.pos !== c)
                        throw RangeError("index out of range");
                    r.len = l;
                }
                return m;
            };

            /**
             * Gets the default type url for ReceiptUpdate
             * @function getTypeUrl
             * @memberof tidings.v1.ReceiptUpdate
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            ReceiptUpdate.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/tidings.v1.ReceiptUpdate";
            };

            return ReceiptUpdate;
        })();

        v1.Receipt = (function() {

            /**
             * Properties of a Receipt.
             * @memberof tidings.v1
             * @interface IReceipt
             * @property {string|null} [chatId] Receipt chatId
             * @property {string|null} [userId] Receipt userId
             * @property {tidings.v1.ReceiptKind|null} [kind] Receipt kind
             * @property {number|null} [upToSeq] Receipt upToSeq
             */

            /**
             * Constructs a new Receipt.
             * @memberof tidings.v1
             * @classdesc Represents a Receipt.
             * @implements IReceipt
             * @constructor
             * @param {tidings.v1.IReceipt=} [p] Properties to set
             */
            function Receipt(p) {
                if (p)
                    for (var ks = Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            }

            /**
             * Receipt chatId.
             * @member {string} chatId
             * @memberof tidings.v1.Receipt
             * @instance
             */
            Receipt.prototype.chatId = "";

            /**
             * Receipt userId.
             * @member {string} userId
             * @memberof tidings.v1.Receipt
             * @instance
             */
            Receipt.prototype.userId = "";

            /**
             * Receipt kind.
             * @member {tidings.v1.ReceiptKind} kind
             * @memberof tidings.v1.Receipt
             * @instance
             */
            Receipt.prototype.kind = 0;

            /**
             * Receipt upToSeq.
             * @member {number} upToSeq
             * @memberof tidings.v1.Receipt
             * @instance
             */
            Receipt.prototype.upToSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Receipt instance using the specified properties.
             * @function create
             * @memberof tidings.v1.Receipt
             * @static
             * @param {tidings.v1.IReceipt=} [properties] Properties to set
             * @returns {tidings.v1.Receipt} Receipt instance
             */
            Receipt.create = function create(properties) {
                return new Receipt(properties);
            };

            /**
             * Encodes the specified Receipt message. Does not implicitly {@link tidings.v1.Receipt.verify|verify} messages.
             * @function encode
             * @memberof tidings.v1.Receipt
             * @static
             * @param {tidings.v1.IReceipt} m Receipt message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Receipt.encode = function encode(m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (m.chatId != null && Object.hasOwnProperty.call(m, "chatId"))
                    w.uint32(10).string(m.chatId);
                if (m.userId != null && Object.hasOwnProperty.call(m, "userId"))
                    w.uint32(18).string(m.userId);
                if (m.kind != null && Object.hasOwnProperty.call(m, "kind"))
                    w.uint32(24).int32(m.kind);
                if (m.upToSeq != null && Object.hasOwnProperty.call(m, "upToSeq"))
                    w.uint32(32).uint64(m.upToSeq);
                return w;
            };

            /**
             * Decodes a Receipt message from the specified reader or buffer.
             * @function decode
             * @memberof tidings.v1.Receipt
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {tidings.v1.Receipt} Receipt
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Receipt.decode = function decode(r, l, e, n) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (n === undefined)
                    n = 0;
                if (n > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var c, m;
                if (l === undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = new $root.tidings.v1.Receipt();
                while (r.pos < c) {
                    var t = r.uint32();
                    if (t === e)
                        break;
                    switch (t >>> 3) {
                    case 1: {
                            m.chatId = r.string();
                            break;
                        }
                    case 2: {
                            m.userId = r.string();
                            break;
                        }
                    case 3: {
                            m.kind = r.int32();
                            break;
                        }
                    case 4: {
                            m.upToSeq = r.uint64();
                            break;
                        }
                    default:
                        r.skipType(t & 7, n);
                        break;
                    }
                }
                if (l !== undefined) {
                    if (r.pos !== c)
                        throw RangeError("index out of range");
                    r.len = l;
                }
                return m;
            };

            /**
             * Gets the default type url for Receipt
             * @function getTypeUrl
             * @memberof tidings.v1.Receipt
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            Receipt.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/tidings.v1.Receipt";
            };

            return Receipt;
        })();

        v1.TypingUpdate = (function() {

            /**
             * Properties of a TypingUpdate.
             * @memberof tidings.v1
             * @interface ITypingUpdate
             * @property {string|null} [chatId] TypingUpdate chatId
             * @property {boolean|null} [typing] TypingUpdate typing
             */

            /**
             * Constructs a new TypingUpdate.
             * @memberof tidings.v1
             * @classdesc Represents a TypingUpdate.
             * @implements ITypingUpdate
             * @constructor
             * @param {tidings.v1.ITypingUpdate=} [p] Properties to set
             */
            function TypingUpdate(p) {
                if (p)
                    for (var ks = Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            }

            /**
             * TypingUpdate chatId.
             * @member {string} chatId
             * @memberof tidings.v1.TypingUpdate
             * @instance
             */
            TypingUpdate.prototype.chatId = "";

            /**
             * TypingUpdate typing.
             * @member {boolean} typing
             * @memberof tidings.v1.TypingUpdate
             * @instance
             */
            TypingUpdate.prototype.typing = false;

            /**
             * Creates a new TypingUpdate instance using the specified properties.
             * @function create
             * @memberof tidings.v1.TypingUpdate
             * @static
             * @param {tidings.v1.ITypingUpdate=} [properties] Properties to set
             * @returns {tidings.v1.TypingUpdate} TypingUpdate instance
             */
            TypingUpdate.create = function create(properties) {
                return new TypingUpdate(properties);
            };

            /**
             * Encodes the specified TypingUpdate message. Does not implicitly {@link tidings.v1.TypingUpdate.verify|verify} messages.
             * @function encode
             * @memberof tidings.v1.TypingUpdate
             * @static
             * @param {tidings.v1.ITypingUpdate} m TypingUpdate message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TypingUpdate.encode = function encode(m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (m.chatId != null && Object.hasOwnProperty.call(m, "chatId"))
                    w.uint32(10).string(m.chatId);
                if (m.typing != null && Object.hasOwnProperty.call(m, "typing"))
                    w.uint32(16).bool(m.typing);
                return w;
            };

            /**
             * Decodes a TypingUpdate message from the specified reader or buffer.
             * @function decode
             * @memberof tidings.v1.TypingUpdate
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {tidings.v1.TypingUpdate} TypingUpdate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TypingUpdate.decode = function decode(r, l, e, n) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (n === undefined)
                    n = 0;
                if (n > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var c, m;
                if (l === undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = new $root.tidings.v1.TypingUpdate();
                while (r.pos < c) {
                    var t = r.uint32();
                    if (t === e)
                        break;
                    switch (t >>> 3) {
                    case 1: {
                            m.chatId = r.string();
                            break;
                        }
                    case 2: {
                            m.typing = r.bool();
                            break;
                        }
                    default:
                        r.skipType(t & 7, n);
                        break;
                    }
                }
                if (l !== undefined) {
                    if (r.pos !== c)
                        throw RangeError("index out of range");
                    r.len = l;
                }
                return m;
            };

            /**
             * Gets the default type url for TypingUpdate
             * @function getTypeUrl
             * @memberof tidings.v1.TypingUpdate
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            TypingUpdate.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/tidings.v1.TypingUpdate";
            };

            return TypingUpdate;
        })();

        v1.Typing = (function() {

            /**
             * Properties of a Typing.
             * @memberof tidings.v1
             * @interface ITyping
             * @property {string|null} [chatId] Typing chatId
             * @property {string|null} [userId] Typing userId
             * @property {boolean|null} [typing] Typing typing
             * @property {number|null} [expiresInMs] Typing expiresInMs
             */

            /**
             * Constructs a new Typing.
             * @memberof tidings.v1
             * @classdesc Represents a Typing.
             * @implements ITyping
             * @constructor
             * @param {tidings.v1.ITyping=} [p] Properties to set
             */
            function Typing(p) {
                if (p)
                    for (var ks = Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            }

            /**
             * Typing chatId.
             * @member {string} chatId
             * @memberof tidings.v1.Typing
             * @instance
             */
            Typing.prototype.chatId = "";

            /**
             * Typing userId.
             * @member {string} userId
             * @memberof tidings.v1.Typing
             * @instance
             */
            Typing.prototype.userId = "";

            /**
             * Typing typing.
             * @member {boolean} typing
             * @memberof tidings.v1.Typing
             * @instance
             */
            Typing.prototype.typing = false;

            /**
             * Typing expiresInMs.
             * @member {number} expiresInMs
             * @memberof tidings.v1.Typing
             * @instance
             */
            Typing.prototype.expiresInMs = 0;

            /**
             * Creates a new Typing instance using the specified properties.
             * @function create
             * @memberof tidings.v1.Typing
             * @static
             * @param {tidings.v1.ITyping=} [properties] Properties to set
             * @returns {tidings.v1.Typing} Typing instance
             */
            Typing.create = function create(properties) {
                return new Typing(properties);
            };

            /**
             * Encodes the specified Typing message. Does not implicitly {@link tidings.v1.Typing.verify|verify} messages.
             * @function encode
             * @memberof tidings.v1.Typing
             * @static
             * @param {tidings.v1.ITyping} m Typing message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Typing.encode = function encode(m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (m.chatId != null && Object.hasOwnProperty.call(m, "chatId"))
                    w.uint32(10).string(m.chatId);
                if (m.userId != null && Object.hasOwnProperty.call(m, "userId"))
                    w.uint32(18).string(m.userId);
                if (m.typing != null && Object.hasOwnProperty.call(m, "typing"))
                    w.uint32(24).bool(m.typing);
                if (m.expiresInMs != null && Object.hasOwnProperty.call(m, "expiresInMs"))
                    w.uint32(32).uint32(m.expiresInMs);
                return w;
            };

            /**
             * Decodes a Typing message from the specified reader or buffer.
             * @function decode
             * @memberof tidings.v1.Typing
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {tidings.v1.Typing} Typing
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Typing.decode = function decode(r, l, e, n) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (n === undefined)
                    n = 0;
                if (n > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var c, m;
                if (l === undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = new $root.tidings.v1.Typing();
                while (r.pos < c) {
                    var t = r.uint32();
                    if (t === e)
                        break;
                    switch (t >>> 3) {
                    case 1: {
                            m.chatId = r.string();
                            break;
                        }
                    case 2: {
                            m.userId = r.string();
                            break;
                        }
                    case 3: {
                            m.typing = r.bool();
                            break;
                        }
                    case 4: {
                            m.expiresInMs = r.uint32();
                            break;
                        }
                    default:
                        r.skipType(t & 7, n);
                        break;
                    }
                }
                if (l !== undefined) {
                    if (r.pos !== c)
                        throw RangeError("index out of range");
                    r.len = l;
                }
                return m;
            };

            /**
             * Gets the default type url for Typing
             * @function getTypeUrl
             * @memberof tidings.v1.Typing
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            Typing.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/tidings.v1.Typing";
            };

            return Typing;
        })();

        v1.PresenceQuery = (function() {

            /**
             * Properties of a PresenceQuery.
             * @memberof tidings.v1
             * @interface IPresenceQuery
             * @property {Array.<string>|null} [userIds] PresenceQuery userIds
             */

            /**
             * Constructs a new PresenceQuery.
             * @memberof tidings.v1
             * @classdesc Represents a PresenceQuery.
             * @implements IPresenceQuery
             * @constructor
             * @param {tidings.v1.IPresenceQuery=} [p] Properties to set
             */
            function PresenceQuery(p) {
                this.userIds = [];
                if (p)
                    for (var ks = Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            }

            /**
             * PresenceQuery userIds.
             * @member {Array.<string>} userIds
             * @memberof tidings.v1.PresenceQuery
             * @instance
             */
            PresenceQuery.prototype.userIds = $util.emptyArray;

            /**
             * Creates a new PresenceQuery instance using the specified properties.
             * @function create
             * @memberof tidings.v1.PresenceQuery
             * @static
             * @param {tidings.v1.IPresenceQuery=} [properties] Properties to set
             * @returns {tidings.v1.PresenceQuery} PresenceQuery instance
             */
            PresenceQuery.create = function create(properties) {
                return new PresenceQuery(properties);
            };

            /**
             * Encodes the specified PresenceQuery message. Does not implicitly {@link tidings.v1.PresenceQuery.verify|verify} messages.
             * @function encode
             * @memberof tidings.v1.PresenceQuery
             * @static
             * @param {tidings.v1.IPresenceQuery} m PresenceQuery message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PresenceQuery.encode = function encode(m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (m.userIds != null && m.userIds.length) {
                    for (var i = 0; i < m.userIds.length; ++i)
                        w.uint32(10).string(m.userIds[i]);
                }
                return w;
            };

            /**
             * Decodes a PresenceQuery message from the specified reader or buffer.
             * @function decode
             * @memberof tidings.v1.PresenceQuery
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {tidings.v1.PresenceQuery} PresenceQuery
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PresenceQuery.decode = function decode(r, l, e, n) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (n === undefined)
                    n = 0;
                if (n > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var c, m;
                if (l === undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = new $root.tidings.v1.PresenceQuery();
                while (r.pos < c) {
                    var t = r.uint32();
                    if (t === e)
                        break;
                    switch (t >>> 3) {
                    case 1: {
                            if (!(m.userIds && m.userIds.length))
                                m.userIds = [];
                            m.userIds.push(r.string());
                            break;
                        }
                    default:
                        r.skipType(t & 7, n);
                        break;
                    }
                }
                if (l !== undefined) {
                    if (r.pos !== c)
                        throw RangeError("index out of range");
                    r.len = l;
                }
                return m;
            };

            /**
             * Gets the default type url for PresenceQuery
             * @function getTypeUrl
             * @memberof tidings.v1.PresenceQuery
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            PresenceQuery.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/tidings.v1.PresenceQuery";
            };

            return PresenceQuery;
        })();

        v1.Presence = (function() {

            /**
             * Properties of a Presence.
             * @memberof tidings.v1
             * @interface IPresence
             * @property {string|null} [userId] Presence userId
             * @property {boolean|null} [online] Presence online
             * @property {number|null} [lastSeenAt] Presence lastSeenAt
             */

            /**
             * Constructs a new Presence.
             * @memberof tidings.v1
             * @classdesc Represents a Presence.
             * @implements IPresence
             * @constructor
             * @param {tidings.v1.IPresence=} [p] Properties to set
             */
            function Presence(p) {
                if (p)
                    for (var ks = Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            }

            /**
             * Presence userId.
             * @member {string} userId
             * @memberof tidings.v1.Presence
             * @instance
             */
            Presence.prototype.userId = "";

            /**
             * Presence online.
             * @member {boolean} online
             * @memberof tidings.v1.Presence
             * @instance
             */
            Presence.prototype.online = false;

            /**
             * Presence lastSeenAt.
             * @member {number} lastSeenAt
             * @memberof tidings.v1.Presence
             * @instance
             */
            Presence.prototype.lastSeenAt = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new Presence instance using the specified properties.
             * @function create
             * @memberof tidings.v1.Presence
             * @static
             * @param {tidings.v1.IPresence=} [properties] Properties to set
             * @returns {tidings.v1.Presence} Presence instance
             */
            Presence.create = function create(properties) {
                return new Presence(properties);
            };

            /**
             * Encodes the specified Presence message. Does not implicitly {@link tidings.v1.Presence.verify|verify} messages.
             * @function encode
             * @memberof tidings.v1.Presence
             * @static
             * @param {tidings.v1.IPresence} m Presence message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Presence.encode = function encode(m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (m.userId != null && Object.hasOwnProperty.call(m, "userId"))
                    w.uint32(10).string(m.userId);
                if (m.online != null && Object.hasOwnProperty.call(m, "online"))
                    w.uint32(16).bool(m.online);
                if (m.lastSeenAt != null && Object.hasOwnProperty.call(m, "lastSeenAt"))
                    w.uint32(24).int64(m.lastSeenAt);
                return w;
            };

            /**
             * Decodes a Presence message from the specified reader or buffer.
             * @function decode
             * @memberof tidings.v1.Presence
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {tidings.v1.Presence} Presence
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Presence.decode = function decode(r, l, e, n) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (n === undefined)
                    n = 0;
                if (n > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var c, m;
                if (l === undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = new $root.tidings.v1.Presence();
                while (r.pos < c) {
                    var t = r.uint32();
                    if (t === e)
                        break;
                    switch (t >>> 3) {
                    case 1: {
                            m.userId = r.string();
                            break;
                        }
                    case 2: {
                            m.online = r.bool();
                            break;
                        }
                    case 3: {
                            m.lastSeenAt = r.int64();
                            break;
                        }
                    default:
                        r.skipType(t & 7, n);
                        break;
                    }
                }
                if (l !== undefined) {
                    if (r.pos !== c)
                        throw RangeError("index out of range");
                    r.len = l;
                }
                return m;
            };

            /**
             * Gets the default type url for Presence
             * @function getTypeUrl
             * @memberof tidings.v1.Presence
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            Presence.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/tidings.v1.Presence";
            };

            return Presence;
        })();

        v1.ChatCursor = (function() {

            /**
             * Properties of a ChatCursor.
             * @memberof tidings.v1
             * @interface IChatCursor
             * @property {string|null} [chatId] ChatCursor chatId
             * @property {number|null} [seq] ChatCursor seq
             * @property {number|null} [readSeq] ChatCursor readSeq
             */

            /**
             * Constructs a new ChatCursor.
             * @memberof tidings.v1
             * @classdesc Represents a ChatCursor.
             * @implements IChatCursor
             * @constructor
             * @param {tidings.v1.IChatCursor=} [p] Properties to set
             */
            function ChatCursor(p) {
                if (p)
                    for (var ks = Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            }

            /**
             * ChatCursor chatId.
             * @member {string} chatId
             * @memberof tidings.v1.ChatCursor
             * @instance
             */
            ChatCursor.prototype.chatId = "";

            /**
             * ChatCursor seq.
             * @member {number} seq
             * @memberof tidings.v1.ChatCursor
             * @instance
             */
            ChatCursor.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ChatCursor readSeq.
             * @member {number} readSeq
             * @memberof tidings.v1.ChatCursor
             * @instance
             */
            ChatCursor.prototype.readSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new ChatCursor instance using the specified properties.
             * @function create
             * @memberof tidings.v1.ChatCursor
             * @static
             * @param {tidings.v1.IChatCursor=} [properties] Properties to set
             * @returns {tidings.v1.ChatCursor} ChatCursor instance
             */
            ChatCursor.create = function create(properties) {
                return new ChatCursor(properties);
            };

            /**
             * Encodes the specified ChatCursor message. Does not implicitly {@link tidings.v1.ChatCursor.verify|verify} messages.
             * @function encode
             * @memberof tidings.v1.ChatCursor
             * @static
             * @param {tidings.v1.IChatCursor} m ChatCursor message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ChatCursor.encode = function encode(m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (m.chatId != null && Object.hasOwnProperty.call(m, "chatId"))
                    w.uint32(10).string(m.chatId);
                if (m.seq != null && Object.hasOwnProperty.call(m, "seq"))
                    w.uint32(16).uint64(m.seq);
                if (m.readSeq != null && Object.hasOwnProperty.call(m, "readSeq"))
                    w.uint32(24).uint64(m.readSeq);
                return w;
            };

            /**
             * Decodes a ChatCursor message from the specified reader or buffer.
             * @function decode
             * @memberof tidings.v1.ChatCursor
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {tidings.v1.ChatCursor} ChatCursor
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ChatCursor.decode = function decode(r, l, e, n) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (n === undefined)
                    n = 0;
                if (n > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var c, m;
                if (l === undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = new $root.tidings.v1.ChatCursor();
                while (r.pos < c) {
                    var t = r.uint32();
                    if (t === e)
                        break;
                    switch (t >>> 3) {
                    case 1: {
                            m.chatId = r.string();
                            break;
                        }
                    case 2: {
                            m.seq = r.uint64();
                            break;
                        }
                    case 3: {
                            m.readSeq = r.uint64();
                            break;
                        }
                    default:
                        r.skipType(t & 7, n);
                        break;
                    }
                }
                if (l !== undefined) {
                    if (r.pos !== c)
                        throw RangeError("index out of range");
                    r.len = l;
                }
                return m;
            };

            /**
             * Gets the default type url for ChatCursor
             * @function getTypeUrl
             * @memberof tidings.v1.ChatCursor
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            ChatCursor.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/tidings.v1.ChatCursor";
            };

            return ChatCursor;
        })();

        v1.SyncRequest = (function() {

            /**
             * Properties of a SyncRequest.
             * @memberof tidings.v1
             * @interface ISyncRequest
             * @property {Array.<tidings.v1.IChatCursor>|null} [cursors] SyncRequest cursors
             */

            /**
             * Constructs a new SyncRequest.
             * @memberof tidings.v1
             * @classdesc Represents a SyncRequest.
             * @implements ISyncRequest
             * @constructor
             * @param {tidings.v1.ISyncRequest=} [p] Properties to set
             */
            function SyncRequest(p) {
                this.cursors = [];
                if (p)
                    for (var ks = Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            }

            /**
             * SyncRequest cursors.
             * @member {Array.<tidings.v1.IChatCursor>} cursors
             * @memberof tidings.v1.SyncRequest
             * @instance
             */
            SyncRequest.prototype.cursors = $util.emptyArray;

            /**
             * Creates a new SyncRequest instance using the specified properties.
             * @function create
             * @memberof tidings.v1.SyncRequest
             * @static
             * @param {tidings.v1.ISyncRequest=} [properties] Properties to set
             * @returns {tidings.v1.SyncRequest} SyncRequest instance
             */
            SyncRequest.create = function create(properties) {
                return new SyncRequest(properties);
            };

            /**
             * Encodes the specified SyncRequest message. Does not implicitly {@link tidings.v1.SyncRequest.verify|verify} messages.
             * @function encode
             * @memberof tidings.v1.SyncRequest
             * @static
             * @param {tidings.v1.ISyncRequest} m SyncRequest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SyncRequest.encode = function encode(m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (m.cursors != null && m.cursors.length) {
                    for (var i = 0; i < m.cursors.length; ++i)
                        $root.tidings.v1.ChatCursor.encode(m.cursors[i], w.uint32(10).fork(), q + 1).ldelim();
                }
                return w;
            };

            /**
             * Decodes a SyncRequest message from the specified reader or buffer.
             * @function decode
             * @memberof tidings.v1.SyncRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {tidings.v1.SyncRequest} SyncRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SyncRequest.decode = function decode(r, l, e, n) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (n === undefined)
                    n = 0;
                if (n > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var c, m;
                if (l === undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = new $root.tidings.v1.SyncRequest();
                while (r.pos < c) {
                    var t = r.uint32();
                    if (t === e)
                        break;
                    switch (t >>> 3) {
                    case 1: {
                            if (!(m.cursors && m.cursors.length))
                                m.cursors = [];
                            m.cursors.push($root.tidings.v1.ChatCursor.decode(r, r.uint32(), undefined, n + 1));
                            break;
                        }
                    default:
                        r.skipType(t & 7, n);
                        break;
                    }
                }
                if (l !== undefined) {
                    if (r.pos !== c)
                        throw RangeError("index out of range");
                    r.len = l;
                }
                return m;
            };

            /**
             * Gets the default type url for SyncRequest
             * @function getTypeUrl
             * @memberof tidings.v1.SyncRequest
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            SyncRequest.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/tidings.v1.SyncRequest";
            };

            return SyncRequest;
        })();

        v1.ChatState = (function() {

            /**
             * Properties of a ChatState.
             * @memberof tidings.v1
             * @interface IChatState
             * @property {string|null} [chatId] ChatState chatId
             * @property {number|null} [lastSeq] ChatState lastSeq
             * @property {number|null} [readSeq] ChatState readSeq
             */

            /**
             * Constructs a new ChatState.
             * @memberof tidings.v1
             * @classdesc Represents a ChatState.
             * @implements IChatState
             * @constructor
             * @param {tidings.v1.IChatState=} [p] Properties to set
             */
            function ChatState(p) {
                if (p)
                    for (var ks = Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            }

            /**
             * ChatState chatId.
             * @member {string} chatId
             * @memberof tidings.v1.ChatState
             * @instance
             */
            ChatState.prototype.chatId = "";

            /**
             * ChatState lastSeq.
             * @member {number} lastSeq
             * @memberof tidings.v1.ChatState
             * @instance
             */
            ChatState.prototype.lastSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ChatState readSeq.
             * @member {number} readSeq
             * @memberof tidings.v1.ChatState
             * @instance
             */
            ChatState.prototype.readSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new ChatState instance using the specified properties.
             * @function create
             * @memberof tidings.v1.ChatState
             * @static
             * @param {tidings.v1.IChatState=} [properties] Properties to set
             * @returns {tidings.v1.ChatState} ChatState instance
             */
            ChatState.create = function create(properties) {
                return new ChatState(properties);
            };

            /**
             * Encodes the specified ChatState message. Does not implicitly {@link tidings.v1.ChatState.verify|verify} messages.
             * @function encode
             * @memberof tidings.v1.ChatState
             * @static
             * @param {tidings.v1.IChatState} m ChatState message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ChatState.encode = function encode(m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (m.chatId != null && Object.hasOwnProperty.call(m, "chatId"))
                    w.uint32(10).string(m.chatId);
                if (m.lastSeq != null && Object.hasOwnProperty.call(m, "lastSeq"))
                    w.uint32(16).uint64(m.lastSeq);
                if (m.readSeq != null && Object.hasOwnProperty.call(m, "readSeq"))
                    w.uint32(24).uint64(m.readSeq);
                return w;
            };

            /**
             * Decodes a ChatState message from the specified reader or buffer.
             * @function decode
             * @memberof tidings.v1.ChatState
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {tidings.v1.ChatState} ChatState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ChatState.decode = function decode(r, l, e, n) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (n === undefined)
                    n = 0;
                if (n > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var c, m;
                if (l === undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = new $root.tidings.v1.ChatState();
                while (r.pos < c) {
                    var t = r.uint32();
                    if (t === e)
                        break;
                    switch (t >>> 3) {
                    case 1: {
                            m.chatId = r.string();
                            break;
                        }
                    case 2: {
                            m.lastSeq = r.uint64();
                            break;
                        }
                    case 3: {
                            m.readSeq = r.uint64();
                            break;
                        }
                    default:
                        r.skipType(t & 7, n);
                        break;
                    }
                }
                if (l !== undefined) {
                    if (r.pos !== c)
                        throw RangeError("index out of range");
                    r.len = l;
                }
                return m;
            };

            /**
             * Gets the default type url for ChatState
             * @function getTypeUrl
             * @memberof tidings.v1.ChatState
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            ChatState.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/tidings.v1.ChatState";
            };

            return ChatState;
        })();

        v1.SyncResponse = (function() {

            /**
             * Properties of a SyncResponse.
             * @memberof tidings.v1
             * @interface ISyncResponse
             * @property {Array.<tidings.v1.IChatState>|null} [chats] SyncResponse chats
             */

            /**
             * Constructs a new SyncResponse.
             * @memberof tidings.v1
             * @classdesc Represents a SyncResponse.
             * @implements ISyncResponse
             * @constructor
             * @param {tidings.v1.ISyncResponse=} [p] Properties to set
             */
            function SyncResponse(p) {
                this.chats = [];
                if (p)
                    for (var ks = Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            }

            /**
             * SyncResponse chats.
             * @member {Array.<tidings.v1.IChatState>} chats
             * @memberof tidings.v1.SyncResponse
             * @instance
             */
            SyncResponse.prototype.chats = $util.emptyArray;

            /**
             * Creates a new SyncResponse instance using the specified properties.
             * @function create
             * @memberof tidings.v1.SyncResponse
             * @static
             * @param {tidings.v1.ISyncResponse=} [properties] Properties to set
             * @returns {tidings.v1.SyncResponse} SyncResponse instance
             */
            SyncResponse.create = function create(properties) {
                return new SyncResponse(properties);
            };

            /**
             * Encodes the specified SyncResponse message. Does not implicitly {@link tidings.v1.SyncResponse.verify|verify} messages.
             * @function encode
             * @memberof tidings.v1.SyncResponse
             * @static
             * @param {tidings.v1.ISyncResponse} m SyncResponse message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SyncResponse.encode = function encode(m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (m.chats != null && m.chats.length) {
                    for (var i = 0; i < m.chats.length; ++i)
                        $root.tidings.v1.ChatState.encode(m.chats[i], w.uint32(10).fork(), q + 1).ldelim();
                }
                return w;
            };

            /**
             * Decodes a SyncResponse message from the specified reader or buffer.
             * @function decode
             * @memberof tidings.v1.SyncResponse
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {tidings.v1.SyncResponse} SyncResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SyncResponse.decode = function decode(r, l, e, n) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (n === undefined)
                    n = 0;
                if (n > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var c, m;
                if (l === undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = new $root.tidings.v1.SyncResponse();
                while (r.pos < c) {
                    var t = r.uint32();
                    if (t === e)
                        break;
                    switch (t >>> 3) {
                    case 1: {
                            if (!(m.chats && m.chats.length))
                                m.chats = [];
                            m.chats.push($root.tidings.v1.ChatState.decode(r, r.uint32(), undefined, n + 1));
                            break;
                        }
                    default:
                        r.skipType(t & 7, n);
                        break;
                    }
                }
                if (l !== undefined) {
                    if (r.pos !== c)
                        throw RangeError("index out of range");
                    r.len = l;
                }
                return m;
            };

            /**
             * Gets the default type url for SyncResponse
             * @function getTypeUrl
             * @memberof tidings.v1.SyncResponse
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            SyncResponse.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/tidings.v1.SyncResponse";
            };

            return SyncResponse;
        })();

        /**
         * ChatUpdateKind enum.
         * @name tidings.v1.ChatUpdateKind
         * @enum {number}
         * @property {number} CHAT_UPDATE_KIND_UNSPECIFIED=0 CHAT_UPDATE_KIND_UNSPECIFIED value
         * @property {number} CHAT_UPDATE_KIND_CREATED=1 CHAT_UPDATE_KIND_CREATED value
         * @property {number} CHAT_UPDATE_KIND_MEMBER_ADDED=2 CHAT_UPDATE_KIND_MEMBER_ADDED value
         * @property {number} CHAT_UPDATE_KIND_MEMBER_REMOVED=3 CHAT_UPDATE_KIND_MEMBER_REMOVED value
         * @property {number} CHAT_UPDATE_KIND_RENAMED=4 CHAT_UPDATE_KIND_RENAMED value
         * @property {number} CHAT_UPDATE_KIND_ROLE_CHANGED=5 CHAT_UPDATE_KIND_ROLE_CHANGED value
         */
        v1.ChatUpdateKind = (function() {
            const valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "CHAT_UPDATE_KIND_UNSPECIFIED"] = 0;
            values[valuesById[1] = "CHAT_UPDATE_KIND_CREATED"] = 1;
            values[valuesById[2] = "CHAT_UPDATE_KIND_MEMBER_ADDED"] = 2;
            values[valuesById[3] = "CHAT_UPDATE_KIND_MEMBER_REMOVED"] = 3;
            values[valuesById[4] = "CHAT_UPDATE_KIND_RENAMED"] = 4;
            values[valuesById[5] = "CHAT_UPDATE_KIND_ROLE_CHANGED"] = 5;
            return values;
        })();

        v1.ChatUpdate = (function() {

            /**
             * Properties of a ChatUpdate.
             * @memberof tidings.v1
             * @interface IChatUpdate
             * @property {string|null} [chatId] ChatUpdate chatId
             * @property {tidings.v1.ChatUpdateKind|null} [kind] ChatUpdate kind
             * @property {string|null} [userId] ChatUpdate userId
             * @property {string|null} [title] ChatUpdate title
             * @property {number|null} [at] ChatUpdate at
             * @property {string|null} [role] ChatUpdate role
             */

            /**
             * Constructs a new ChatUpdate.
             * @memberof tidings.v1
             * @classdesc Represents a ChatUpdate.
             * @implements IChatUpdate
             * @constructor
             * @param {tidings.v1.IChatUpdate=} [p] Properties to set
             */
            function ChatUpdate(p) {
                if (p)
                    for (var ks = Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            }

            /**
             * ChatUpdate chatId.
             * @member {string} chatId
             * @memberof tidings.v1.ChatUpdate
             * @instance
             */
            ChatUpdate.prototype.chatId = "";

            /**
             * ChatUpdate kind.
             * @member {tidings.v1.ChatUpdateKind} kind
             * @memberof tidings.v1.ChatUpdate
             * @instance
             */
            ChatUpdate.prototype.kind = 0;

            /**
             * ChatUpdate userId.
             * @member {string} userId
             * @memberof tidings.v1.ChatUpdate
             * @instance
             */
            ChatUpdate.prototype.userId = "";

            /**
             * ChatUpdate title.
             * @member {string} title
             * @memberof tidings.v1.ChatUpdate
             * @instance
             */
            ChatUpdate.prototype.title = "";

            /**
             * ChatUpdate at.
             * @member {number} at
             * @memberof tidings.v1.ChatUpdate
             * @instance
             */
            ChatUpdate.prototype.at = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * ChatUpdate role.
             * @member {string} role
             * @memberof tidings.v1.ChatUpdate
             * @instance
             */
            ChatUpdate.prototype.role = "";

            /**
             * Creates a new ChatUpdate instance using the specified properties.
             * @function create
             * @memberof tidings.v1.ChatUpdate
             * @static
             * @param {tidings.v1.IChatUpdate=} [properties] Properties to set
             * @returns {tidings.v1.ChatUpdate} ChatUpdate instance
             */
            ChatUpdate.create = function create(properties) {
                return new ChatUpdate(properties);
            };

            /**
             * Encodes the specified ChatUpdate message. Does not implicitly {@link tidings.v1.ChatUpdate.verify|verify} messages.
             * @function encode
             * @memberof tidings.v1.ChatUpdate
             * @static
             * @param {tidings.v1.IChatUpdate} m ChatUpdate message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ChatUpdate.encode = function encode(m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (m.chatId != null && Object.hasOwnProperty.call(m, "chatId"))
                    w.uint32(10).string(m.chatId);
                if (m.kind != null && Object.hasOwnProperty.call(m, "kind"))
                    w.uint32(16).int32(m.kind);
                if (m.userId != null && Object.hasOwnProperty.call(m, "userId"))
                    w.uint32(26).string(m.userId);
                if (m.title != null && Object.hasOwnProperty.call(m, "title"))
                    w.uint32(34).string(m.title);
                if (m.at != null && Object.hasOwnProperty.call(m, "at"))
                    w.uint32(40).int64(m.at);
                if (m.role != null && Object.hasOwnProperty.call(m, "role"))
                    w.uint32(50).string(m.role);
                return w;
            };

            /**
             * Decodes a ChatUpdate message from the specified reader or buffer.
             * @function decode
             * @memberof tidings.v1.ChatUpdate
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {tidings.v1.ChatUpdate} ChatUpdate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ChatUpdate.decode = function decode(r, l, e, n) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (n === undefined)
                    n = 0;
                if (n > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var c, m;
                if (l === undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = new $root.tidings.v1.ChatUpdate();
                while (r.pos < c) {
                    var t = r.uint32();
                    if (t === e)
                        break;
                    switch (t >>> 3) {
                    case 1: {
                            m.chatId = r.string();
                            break;
                        }
                    case 2: {
                            m.kind = r.int32();
                            break;
                        }
                    case 3: {
                            m.userId = r.string();
                            break;
                        }
                    case 4: {
                            m.title = r.string();
                            break;
                        }
                    case 5: {
                            m.at = r.int64();
                            break;
                        }
                    case 6: {
                            m.role = r.string();
                            break;
                        }
                    default:
                        r.skipType(t & 7, n);
                        break;
                    }
                }
                if (l !== undefined) {
                    if (r.pos !== c)
                        throw RangeError("index out of range");
                    r.len = l;
                }
                return m;
            };

            /**
             * Gets the default type url for ChatUpdate
             * @function getTypeUrl
             * @memberof tidings.v1.ChatUpdate
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            ChatUpdate.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/tidings.v1.ChatUpdate";
            };

            return ChatUpdate;
        })();

        v1.Error = (function() {

            /**
             * Properties of an Error.
             * @memberof tidings.v1
             * @interface IError
             * @property {string|null} [code] Error code
             * @property {string|null} [message] Error message
             * @property {string|null} [chatId] Error chatId
             * @property {Uint8Array|null} [clientMsgId] Error clientMsgId
             * @property {string|null} [deviceId] Error deviceId
             */

            /**
             * Constructs a new Error.
             * @memberof tidings.v1
             * @classdesc Represents an Error.
             * @implements IError
             * @constructor
             * @param {tidings.v1.IError=} [p] Properties to set
             */
            function Error(p) {
                if (p)
                    for (var ks = Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            }

            /**
             * Error code.
             * @member {string} code
             * @memberof tidings.v1.Error
             * @instance
             */
            Error.prototype.code = "";

            /**
             * Error message.
             * @member {string} message
             * @memberof tidings.v1.Error
             * @instance
             */
            Error.prototype.message = "";

            /**
             * Error chatId.
             * @member {string} chatId
             * @memberof tidings.v1.Error
             * @instance
             */
            Error.prototype.chatId = "";

            /**
             * Error clientMsgId.
             * @member {Uint8Array} clientMsgId
             * @memberof tidings.v1.Error
             * @instance
             */
            Error.prototype.clientMsgId = $util.newBuffer([]);

            /**
             * Error deviceId.
             * @member {string} deviceId
             * @memberof tidings.v1.Error
             * @instance
             */
            Error.prototype.deviceId = "";

            /**
             * Creates a new Error instance using the specified properties.
             * @function create
             * @memberof tidings.v1.Error
             * @static
             * @param {tidings.v1.IError=} [properties] Properties to set
             * @returns {tidings.v1.Error} Error instance
             */
            Error.create = function create(properties) {
                return new Error(properties);
            };

            /**
             * Encodes the specified Error message. Does not implicitly {@link tidings.v1.Error.verify|verify} messages.
             * @function encode
             * @memberof tidings.v1.Error
             * @static
             * @param {tidings.v1.IError} m Error message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Error.encode = function encode(m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (m.code != null && Object.hasOwnProperty.call(m, "code"))
                    w.uint32(10).string(m.code);
                if (m.message != null && Object.hasOwnProperty.call(m, "message"))
                    w.uint32(18).string(m.message);
                if (m.chatId != null && Object.hasOwnProperty.call(m, "chatId"))
                    w.uint32(26).string(m.chatId);
                if (m.clientMsgId != null && Object.hasOwnProperty.call(m, "clientMsgId"))
                    w.uint32(34).bytes(m.clientMsgId);
                if (m.deviceId != null && Object.hasOwnProperty.call(m, "deviceId"))
                    w.uint32(42).string(m.deviceId);
                return w;
            };

            /**
             * Decodes an Error message from the specified reader or buffer.
             * @function decode
             * @memberof tidings.v1.Error
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {tidings.v1.Error} Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Error.decode = function decode(r, l, e, n) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (n === undefined)
                    n = 0;
                if (n > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var c, m;
                if (l === undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = new $root.tidings.v1.Error();
                while (r.pos < c) {
                    var t = r.uint32();
                    if (t === e)
                        break;
                    switch (t >>> 3) {
                    case 1: {
                            m.code = r.string();
                            break;
                        }
                    case 2: {
                            m.message = r.string();
                            break;
                        }
                    case 3: {
                            m.chatId = r.string();
                            break;
                        }
                    case 4: {
                            m.clientMsgId = r.bytes();
                            break;
                        }
                    case 5: {
                            m.deviceId = r.string();
                            break;
                        }
                    default:
                        r.skipType(t & 7, n);
                        break;
                    }
                }
                if (l !== undefined) {
                    if (r.pos !== c)
                        throw RangeError("index out of range");
                    r.len = l;
                }
                return m;
            };

            /**
             * Gets the default type url for Error
             * @function getTypeUrl
             * @memberof tidings.v1.Error
             * @static
             * @param {string} [typeUrlPrefix] your custom typeUrlPrefix(default "type.googleapis.com")
             * @returns {string} The default type url
             */
            Error.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/tidings.v1.Error";
            };

            return Error;
        })();

        return v1;
    })();

    return tidings;
})();

export { $root as default };
