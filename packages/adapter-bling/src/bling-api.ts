import { z } from 'zod';

// Only the fields the adapter reads; Bling writes "" and 0 for "none" (sheet §4.1). Ids exceed 2³²
// but stay below 2⁵³, so they are plain numbers (sheet §2).
const text = z.string().nullish();
const blingId = z.number().int();

/** `endereco.geral` / `endereco.cobranca` (sheet §4.1). */
export const blingAddressSchema = z.object({
  endereco: text,
  numero: text,
  complemento: text,
  bairro: text,
  cep: text,
  municipio: text,
  uf: text,
});

/** A contact type of the account or of a contact: Cliente, Fornecedor, Transportador… */
export const blingContactTypeSchema = z.object({ id: blingId, descricao: text });

/** An item of `GET /contatos`: no e-mail, address or type (sheet §3). */
export const blingContactListItemSchema = z.object({
  id: blingId,
  nome: text,
  situacao: text,
  telefone: text,
  celular: text,
});

/**
 * `GET /contatos/{id}`. Loose: an update sends back the whole object as read (PUT replaces every
 * field it is not given, sheet §5.2), so fields the adapter does not read are kept, not dropped.
 */
export const blingContactSchema = z.looseObject({
  id: blingId,
  nome: text,
  situacao: text,
  tipo: text,
  email: text,
  telefone: text,
  celular: text,
  endereco: z
    .object({ geral: blingAddressSchema.nullish(), cobranca: blingAddressSchema.nullish() })
    .nullish(),
  pais: z.object({ nome: text }).nullish(),
  tiposContato: z.array(blingContactTypeSchema).nullish(),
});

/** An item of `GET /pedidos/vendas` (no items). */
export const blingOrderListItemSchema = z.object({ id: blingId });

/** `GET /pedidos/vendas/{id}` (sheet §6). */
export const blingOrderSchema = z.object({
  id: blingId,
  numero: z.union([z.number(), z.string()]).nullish(),
  data: text,
  totalProdutos: z.number().nullish(),
  total: z.number().nullish(),
  contato: z.object({ id: blingId }).nullish(),
  situacao: z.object({ id: blingId }).nullish(),
  desconto: z.object({ valor: z.number().nullish(), unidade: text }).nullish(),
  transporte: z.object({ frete: z.number().nullish() }).nullish(),
  itens: z
    .array(
      z.object({
        id: blingId.nullish(),
        codigo: text,
        descricao: text,
        quantidade: z.number(),
        valor: z.number().nullish(),
        produto: z.object({ id: blingId.nullish() }).nullish(),
      }),
    )
    .nullish(),
});

/** `GET /situacoes/{id}`. */
export const blingSituacaoSchema = z.object({ id: blingId, nome: text });

/** Bling wraps every answer in `data` (sheet §2). */
export function blingData<Schema extends z.ZodType>(schema: Schema) {
  return z.object({ data: schema });
}

export const blingContactListResponseSchema = blingData(z.array(blingContactListItemSchema));
export const blingContactResponseSchema = blingData(blingContactSchema);
export const blingContactTypesResponseSchema = blingData(z.array(blingContactTypeSchema));
export const blingCreatedResponseSchema = blingData(z.object({ id: blingId }));
export const blingOrderListResponseSchema = blingData(z.array(blingOrderListItemSchema));
export const blingOrderResponseSchema = blingData(blingOrderSchema);
export const blingSituacaoResponseSchema = blingData(blingSituacaoSchema);
/** `204` answers (PUT, DELETE, PATCH): no body. */
export const blingNoContentSchema = z.undefined();

/** `POST /oauth/token` (sheet §1.1). `refresh_token` may be missing: then the old one stays. */
export const blingTokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive().nullish(),
  token_type: text,
  refresh_token: z.string().min(1).nullish(),
});

/** Bling's error envelope (sheet §7), also used by the OAuth endpoints with OAuth `type`s. */
export const blingErrorBodySchema = z.object({
  error: z.object({
    type: text,
    message: text,
    description: text,
    fields: z.array(z.object({ msg: text, element: text })).nullish(),
    period: text,
  }),
});

export type BlingAddress = z.infer<typeof blingAddressSchema>;
export type BlingContact = z.infer<typeof blingContactSchema>;
export type BlingContactListItem = z.infer<typeof blingContactListItemSchema>;
export type BlingContactType = z.infer<typeof blingContactTypeSchema>;
export type BlingOrder = z.infer<typeof blingOrderSchema>;
export type BlingErrorBody = z.infer<typeof blingErrorBodySchema>;
