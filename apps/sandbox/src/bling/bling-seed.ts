import { centsToMajor } from '../seed/money';
import type { SeedAddress, SeedCustomer, SeedOrder, SeedPeople } from '../seed/seed-people';
import {
  type BlingAddressRecord,
  type BlingContactRecord,
  type BlingOrderRecord,
  type BlingStoredContact,
  blingContactTypes,
} from './bling-types';

/** Everything a generated account holds. */
export interface BlingAccountData {
  readonly contacts: readonly BlingStoredContact[];
  readonly orders: readonly BlingOrderRecord[];
}

const firstContactId = 16120034517;
const firstOrderId = 22140011801;
/** The system contact every account has; it is no customer (sheet §4.2). */
export const finalConsumerId = 16120000001;

// Brazilian places the generated addresses are in: most of an ERP's customers are local.
const brazilianPlaces = [
  {
    municipio: 'São Paulo',
    uf: 'SP',
    cep: '01304',
    bairros: ['Consolação', 'Pinheiros', 'Mooca', 'Santana'],
  },
  { municipio: 'Campinas', uf: 'SP', cep: '13015', bairros: ['Centro', 'Cambuí', 'Taquaral'] },
  { municipio: 'Rio de Janeiro', uf: 'RJ', cep: '22041', bairros: ['Copacabana', 'Tijuca', 'Botafogo'] },
  { municipio: 'Belo Horizonte', uf: 'MG', cep: '30130', bairros: ['Savassi', 'Funcionários'] },
  { municipio: 'Porto Alegre', uf: 'RS', cep: '90010', bairros: ['Centro Histórico', 'Moinhos de Vento'] },
  { municipio: 'Bento Gonçalves', uf: 'RS', cep: '95700', bairros: ['Zona Rural', ''] },
  { municipio: 'Recife', uf: 'PE', cep: '50030', bairros: ['Boa Viagem', 'Recife Antigo'] },
  { municipio: 'Goiânia', uf: 'GO', cep: '74015', bairros: ['Setor Bueno', 'Setor Oeste'] },
  { municipio: 'Manaus', uf: 'AM', cep: '69005', bairros: ['Adrianópolis', 'Centro'] },
  { municipio: 'Florianópolis', uf: 'SC', cep: '88010', bairros: ['Centro', 'Lagoa da Conceição'] },
] as const;
const streets = [
  'Rua Augusta',
  'Avenida Paulista',
  'Rua Barão de Jaguara',
  'Rua das Flores',
  'Estrada Velha',
  'Alameda Santos',
  'Travessa São João',
];
const complements = ['', '', 'Apto 42', 'Sala 3', 'Casa 2', 'Bloco B, Apto 1201', 'Fundos'];

/** Bling's (NF-e) country names of the seed countries (sheet §10). */
export const portugueseCountryNames: Readonly<Record<string, string>> = {
  US: 'ESTADOS UNIDOS',
  CA: 'CANADÁ',
  GB: 'REINO UNIDO',
  DE: 'ALEMANHA',
  FR: 'FRANÇA',
  AU: 'AUSTRÁLIA',
  JP: 'JAPÃO',
  GE: 'GEÓRGIA',
  IE: 'IRLANDA',
  BR: 'BRASIL',
};

export const emptyBlingAddress = (): BlingAddressRecord => ({
  endereco: '',
  numero: '',
  complemento: '',
  bairro: '',
  cep: '',
  municipio: '',
  uf: '',
});

/** A CPF with valid check digits, derived from a number (CPFs are validated on write, sheet §5.1). */
export function cpfOf(seed: number): string {
  const base = String(100_000_000 + ((seed * 7919) % 899_999_999))
    .padStart(9, '0')
    .split('')
    .map(Number);
  const digit = (digits: number[]) => {
    const sum = digits.reduce((total, value, index) => total + value * (digits.length + 1 - index), 0);
    const rest = (sum * 10) % 11;
    return rest === 10 ? 0 : rest;
  };
  const first = digit(base);
  const second = digit([...base, first]);
  return [...base, first, second].join('');
}

function brazilianAddress(index: number, variant: number): BlingAddressRecord {
  const place = brazilianPlaces[
    (index + variant * 3) % brazilianPlaces.length
  ] as (typeof brazilianPlaces)[number];
  const numero =
    index % 17 === 0 ? 'S/N' : index % 23 === 0 ? 'Km 128' : String(10 + ((index * 37 + variant) % 2400));
  return {
    endereco: streets[(index + variant) % streets.length] ?? '',
    numero,
    complemento: complements[(index * 3 + variant) % complements.length] ?? '',
    bairro: place.bairros[index % place.bairros.length] ?? '',
    cep: `${place.cep}-${String((index * 13 + variant) % 1000).padStart(3, '0')}`,
    municipio: place.municipio,
    uf: place.uf,
  };
}

function foreignAddress(address: SeedAddress): BlingAddressRecord {
  return {
    endereco: address.address1,
    numero: '',
    complemento: address.address2 ?? '',
    bairro: '',
    cep: address.postalCode ?? '',
    municipio: address.city,
    uf: 'EX',
  };
}

function localDate(instant: Date): string {
  // São Paulo is UTC−3 in every seeded year (no daylight saving since 2019).
  return new Date(instant.getTime() - 3 * 3_600_000).toISOString().slice(0, 10);
}

/** One in four people abroad keeps their own country; the rest of the account lives in Brazil. */
function contactOf(seed: SeedCustomer, id: number): BlingContactRecord {
  const [first] = seed.addresses;
  const abroad = first !== undefined && first.countryCode !== 'BR' && seed.index % 4 === 0;
  const company = !abroad && seed.index % 19 === 7;
  const nome =
    [seed.firstName, seed.lastName].filter(Boolean).join(' ') || (seed.email ?? `Cliente ${seed.index}`);
  let geral = emptyBlingAddress();
  let cobranca = emptyBlingAddress();
  if (first !== undefined) {
    geral = abroad ? foreignAddress(first) : brazilianAddress(seed.index, 0);
    const second = seed.addresses[1];
    if (second !== undefined) cobranca = abroad ? foreignAddress(second) : brazilianAddress(seed.index, 1);
  }
  const mobile = seed.phone !== null && seed.index % 3 !== 0;
  const phoneText =
    seed.phone === null
      ? ''
      : abroad
        ? seed.phone
        : `(11) 9${seed.phone.slice(-8, -4)}-${seed.phone.slice(-4)}`;
  return {
    id,
    nome,
    codigo: seed.index % 2 === 0 ? `CLI-${String(seed.index + 1).padStart(4, '0')}` : '',
    situacao: seed.index % 41 === 3 ? 'I' : seed.index % 53 === 9 ? 'S' : seed.index % 67 === 11 ? 'E' : 'A',
    numeroDocumento: abroad ? '' : company ? `${cpfOf(seed.index).slice(0, 8)}000190` : cpfOf(seed.index),
    telefone: mobile ? '' : phoneText,
    celular: mobile ? phoneText : '',
    fantasia: company ? `${seed.lastName ?? nome} Comércio` : '',
    tipo: abroad ? 'E' : company ? 'J' : 'F',
    indicadorIe: 9,
    ie: '',
    rg: '',
    inscricaoMunicipal: '',
    orgaoEmissor: '',
    email: seed.email ?? '',
    emailNotaFiscal: '',
    orgaoPublico: 'N',
    endereco: { geral, cobranca },
    vendedor: { id: seed.index % 5 === 0 ? 15596468712 : 0 },
    dadosAdicionais: { dataNascimento: '0000-00-00', sexo: '', naturalidade: '' },
    financeiro: { limiteCredito: 0, condicaoPagamento: '', categoria: { id: 0 } },
    pais: {
      nome: abroad
        ? (portugueseCountryNames[first.countryCode] ?? '')
        : seed.index % 11 === 0
          ? 'BRASIL'
          : '',
    },
    tiposContato:
      seed.index % 29 === 4
        ? [blingContactTypes.cliente, blingContactTypes.fornecedor]
        : [blingContactTypes.cliente],
    pessoasContato: [],
  };
}

function partyOf(id: number, nome: string, type: { id: number; descricao: string }): BlingContactRecord {
  return {
    ...contactOf(
      {
        index: id % 1000,
        firstName: null,
        lastName: null,
        email: null,
        phone: null,
        note: null,
        acceptsMarketing: null,
        tags: [],
        locale: 'pt-BR',
        createdAt: new Date(0),
        updatedAt: null,
        addresses: [],
        orders: [],
      },
      id,
    ),
    nome,
    situacao: 'A',
    tipo: 'J',
    numeroDocumento: `${cpfOf(id).slice(0, 8)}000190`,
    email: `contato@${nome.split(' ')[0]?.toLowerCase() ?? 'empresa'}.example.com.br`,
    tiposContato: type.id === 0 ? [] : [type],
  };
}

function orderOf(seed: SeedOrder, id: number, numero: number, contact: BlingContactRecord): BlingOrderRecord {
  const products = seed.items.reduce((sum, item) => sum + item.unitPriceCents * item.quantity, 0);
  const total = Math.max(0, products - seed.discountCents) + seed.shippingCents;
  const situacao =
    seed.payment === 'cancelled' || seed.payment === 'refunded'
      ? 12
      : seed.payment === 'pending'
        ? 6
        : seed.fulfilled
          ? 9
          : 15;
  const valor = { 6: 0, 9: 1, 12: 2, 15: 3 }[situacao] ?? 0;
  return {
    id,
    numero,
    numeroLoja: numero % 3 === 0 ? `LJ-${88_000 + numero}` : '',
    data: localDate(seed.createdAt),
    dataSaida: seed.fulfilled ? localDate(seed.updatedAt) : '0000-00-00',
    dataPrevista: '0000-00-00',
    totalProdutos: centsToMajor(products),
    total: centsToMajor(total),
    contato: {
      id: contact.id,
      nome: contact.nome,
      tipoPessoa: contact.tipo,
      numeroDocumento: contact.numeroDocumento,
    },
    situacao: { id: situacao, valor },
    loja: { id: 204587121, unidadeNegocio: { id: 0 } },
    numeroPedidoCompra: '',
    outrasDespesas: 0,
    observacoes: '',
    observacoesInternas: '',
    desconto: { valor: centsToMajor(seed.discountCents), unidade: 'REAL' },
    categoria: { id: 0 },
    notaFiscal: { id: 0 },
    tributacao: { totalICMS: 0, totalIPI: 0 },
    itens: seed.items.map((item, position) => ({
      id: id * 10 + position + 1,
      codigo: item.sku ?? '',
      unidade: 'UN',
      quantidade: item.quantity,
      desconto: 0,
      valor: centsToMajor(item.unitPriceCents),
      aliquotaIPI: 0,
      descricao: item.name,
      descricaoDetalhada: '',
      produto: { id: 16330000000 + (item.variantId ?? item.productId) },
      comissao: { base: 0, aliquota: 0, valor: 0 },
      naturezaOperacao: { id: 0 },
    })),
    parcelas: [
      {
        id: id + 1,
        dataVencimento: localDate(seed.createdAt),
        valor: centsToMajor(total),
        observacoes: '',
        caut: '',
        formaPagamento: { id: 2741853 },
      },
    ],
    transporte: {
      fretePorConta: 0,
      frete: centsToMajor(seed.shippingCents),
      quantidadeVolumes: 1,
      pesoBruto: 0,
      prazoEntrega: 0,
    },
    vendedor: { id: 0 },
  };
}

/**
 * An account from the platform-neutral seed: every seeded person becomes a contact of the Cliente
 * type (a few deleted, inactive or also suppliers), among suppliers, carriers and the system
 * "Consumidor Final" contact, which are no customers; guest orders belong to "Consumidor Final".
 */
export function toBlingAccount(people: SeedPeople): BlingAccountData {
  const contacts: BlingStoredContact[] = [];
  const orders: BlingOrderRecord[] = [];
  const finalConsumer = partyOf(finalConsumerId, 'Consumidor Final', { id: 0, descricao: '' });
  contacts.push({
    contact: finalConsumer,
    dates: { includedAt: Date.UTC(2018, 0, 2, 12), alteredAt: Date.UTC(2018, 0, 2, 12) },
  });
  let nextId = firstContactId;
  let nextOrder = firstOrderId;
  for (const seed of people.customers) {
    if (seed.index % 15 === 14) {
      const type = seed.index % 30 === 14 ? blingContactTypes.fornecedor : blingContactTypes.transportador;
      const nome =
        type === blingContactTypes.fornecedor
          ? `${seed.lastName ?? 'Fornecedora'} Distribuidora Ltda`
          : `Transportadora ${seed.lastName ?? 'Expresso'} Ltda`;
      const includedAt = seed.createdAt.getTime() - 60_000;
      contacts.push({ contact: partyOf(nextId, nome, type), dates: { includedAt, alteredAt: includedAt } });
      nextId += 3;
    }
    const contact = contactOf(seed, nextId);
    nextId += 1 + (seed.index % 4);
    contacts.push({
      contact,
      dates: {
        includedAt: seed.createdAt.getTime(),
        alteredAt: (seed.updatedAt ?? seed.createdAt).getTime(),
      },
    });
    for (const order of seed.orders) {
      orders.push(orderOf(order, nextOrder, 1000 + orders.length + 1, contact));
      nextOrder += 2;
    }
  }
  for (const order of people.guestOrders) {
    orders.push(orderOf(order, nextOrder, 1000 + orders.length + 1, finalConsumer));
    nextOrder += 2;
  }
  return { contacts, orders };
}
