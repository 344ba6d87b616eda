/**
 * The JSON-to-HCL rendering behind `synth --hcl`, case by case. That the result plans exactly
 * like the JSON, and that `terraform fmt` leaves it alone, is checked with the real Terraform
 * and provider in test/terraform-plan (`npm run test:plan`).
 */
import {describe, expect, test} from '@jest/globals'

import type {StackShapes} from '../../../src/infra/hcl/block-shapes.js'
import {renderHcl, type TerraformJson} from '../../../src/infra/hcl/render-hcl.js'
import {heredocTemplate, onlyInterpolation, quoteLiteral, quoteTemplate} from '../../../src/infra/hcl/template.js'

const noBlocks: StackShapes = {shapes: new Map(), order: []}

describe('templates', () => {
  test.each([
    ['${aws_vpc.main.id}', 'aws_vpc.main.id'],
    ['${ jsonencode({"a" = "}"}) }', 'jsonencode({"a" = "}"})'],
    ['${~ x ~}', 'x'],
  ])('an interpolation-only string %p is the bare expression %p', (template, expression) => {
    expect(onlyInterpolation(template)).toBe(expression)
  })

  test.each(['arn:${x}', '${a}${b}', '$${not}', 'plain', '${a} '])('%p is more than one interpolation', (template) => {
    expect(onlyInterpolation(template)).toBeUndefined()
  })

  test('literal text is escaped for HCL; interpolations and $${ escapes stay as written', () => {
    const backslash = '\\'
    const template = `say "hi" ${backslash}n \${f("a${backslash}"b")} $\${literal}\n`
    expect(quoteTemplate(template)).toBe(
      `"say ${backslash}"hi${backslash}" ${backslash}${backslash}n \${f("a${backslash}"b")} $\${literal}${backslash}n"`,
    )
  })

  test('a literal string (backend settings, defaults) escapes ${ so nothing is interpolated', () => {
    expect(quoteLiteral('a ${b} %{c}')).toBe('"a $${b} %%{c}"')
  })

  test('multi-line text is an indented heredoc only where that gives the text back exactly', () => {
    expect(heredocTemplate('a\n  b\n\nc ${x}\n')).toBe('<<-EOT\na\n  b\n\nc ${x}\nEOT')
    // Every line indented: Terraform would strip that indentation too.
    expect(heredocTemplate('  a\n  b\n')).toBeUndefined()
    // A heredoc always ends with a newline.
    expect(heredocTemplate('a\nb')).toBeUndefined()
    expect(heredocTemplate('a\nEOT\n')).toBeUndefined()
  })
})

describe('renderHcl', () => {
  const shapes = (entries: Record<string, StackShapes['shapes'] extends ReadonlyMap<string, infer S> ? S : never>) => ({
    shapes: new Map(Object.entries(entries)),
    order: [],
  })

  test('the terraform block: required_version, providers, then the backend (the S3 case once rendered "0 = ...")', () => {
    const config: TerraformJson = {
      terraform: {
        backend: {s3: {bucket: 'state', key: 'a.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true}},
        required_providers: {aws: {source: 'hashicorp/aws', version: '~> 6.25'}},
        required_version: '>= 1.10',
      },
    }
    expect(renderHcl(config, noBlocks)).toBe(
      [
        'terraform {',
        '  required_version = ">= 1.10"',
        '  required_providers {',
        '    aws = {',
        '      source = "hashicorp/aws"',
        '      version = "~> 6.25"',
        '    }',
        '  }',
        '  backend "s3" {',
        '    bucket = "state"',
        '    key = "a.tfstate"',
        '    region = "us-east-1"',
        '    encrypt = true',
        '    use_lockfile = true',
        '  }',
        '}',
        '',
      ].join('\n'),
    )
  })

  test('references bare, nulls left out, blocks as blocks, maps as maps, lifecycle and depends_on last', () => {
    const config: TerraformJson = {
      resource: {
        aws_launch_template: {
          app: {
            '//': {metadata: {path: 'x'}},
            depends_on: ['aws_iam_role.app'],
            lifecycle: {ignore_changes: ['image_id'], create_before_destroy: true},
            image_id: '${data.aws_ssm_parameter.ami.insecure_value}',
            name: 'app-${var.env}',
            description: null,
            metadata_options: {http_tokens: 'required', http_endpoint: null},
            tags: {Name: 'app', 'managed-by': 'scaleplan', '1st': 'x'},
            block_device_mappings: [{device_name: '/dev/xvda', ebs: {volume_size: 20}}],
          },
        },
      },
    }
    const launchTemplate = {metadata_options: {}, block_device_mappings: {ebs: {}}}
    expect(renderHcl(config, shapes({'resource.aws_launch_template': launchTemplate}))).toBe(
      [
        'resource "aws_launch_template" "app" {',
        '  image_id = data.aws_ssm_parameter.ami.insecure_value',
        '  name = "app-${var.env}"',
        '  tags = {',
        '    Name = "app"',
        '    managed-by = "scaleplan"',
        '    "1st" = "x"',
        '  }',
        '  metadata_options {',
        '    http_tokens = "required"',
        '  }',
        '  block_device_mappings {',
        '    device_name = "/dev/xvda"',
        '    ebs {',
        '      volume_size = 20',
        '    }',
        '  }',
        '  lifecycle {',
        '    ignore_changes = [image_id]',
        '    create_before_destroy = true',
        '  }',
        '  depends_on = [aws_iam_role.app]',
        '}',
        '',
      ].join('\n'),
    )
  })

  test('an empty list of an attribute-as-blocks stays "= []" (none); an empty nested block list is left out', () => {
    const config: TerraformJson = {
      resource: {
        aws_security_group: {db: {name: 'db', egress: [], ingress: [{from_port: 5432, cidr_blocks: null}]}},
        aws_cloudfront_distribution: {cdn: {enabled: true, ordered_cache_behavior: []}},
      },
    }
    const rendered = renderHcl(
      config,
      shapes({
        'resource.aws_security_group': {egress: {}, ingress: {}},
        'resource.aws_cloudfront_distribution': {ordered_cache_behavior: {}},
      }),
    )
    expect(rendered).toContain('  egress = []\n  ingress {\n    from_port = 5432\n  }\n')
    expect(rendered).not.toContain('ordered_cache_behavior')
  })

  test('resources follow construct order when given, then the rest', () => {
    const config: TerraformJson = {
      data: {aws_partition: {p: {}}},
      resource: {aws_subnet: {a: {vpc_id: '${aws_vpc.v.id}'}}, aws_vpc: {v: {cidr_block: '10.0.0.0/16'}}},
    }
    const order = ['resource.aws_vpc.v', 'data.aws_partition.p', 'resource.aws_subnet.a']
    expect(renderHcl(config, {shapes: new Map(), order})).toBe(
      [
        'resource "aws_vpc" "v" {',
        '  cidr_block = "10.0.0.0/16"',
        '}',
        '',
        'data "aws_partition" "p" {}',
        '',
        'resource "aws_subnet" "a" {',
        '  vpc_id = aws_vpc.v.id',
        '}',
        '',
      ].join('\n'),
    )
  })

  test('variables take literal defaults and a bare type; outputs an expression', () => {
    const config: TerraformJson = {
      variable: {image: {type: 'string', default: 'nginx:${tag}', description: 'Image'}},
      output: {endpoint: {value: ['${aws_lb.a.dns_name}'], description: 'Where users go'}},
    }
    expect(renderHcl(config, noBlocks)).toBe(
      [
        'variable "image" {',
        '  type = string',
        '  default = "nginx:$${tag}"',
        '  description = "Image"',
        '}',
        '',
        'output "endpoint" {',
        '  value = [aws_lb.a.dns_name]',
        '  description = "Where users go"',
        '}',
        '',
      ].join('\n'),
    )
  })

  test('multi-line text becomes a heredoc indented with its block', () => {
    const config: TerraformJson = {resource: {aws_instance: {s: {user_data: '#cloud-config\npackages:\n  - nginx\n'}}}}
    expect(renderHcl(config, noBlocks)).toBe(
      [
        'resource "aws_instance" "s" {',
        '  user_data = <<-EOT',
        '  #cloud-config',
        '  packages:',
        '    - nginx',
        '  EOT',
        '}',
        '',
      ].join('\n'),
    )
  })

  test('what it cannot write faithfully, it refuses instead of guessing', () => {
    expect(() => renderHcl({resource: {aws_instance: {s: {provisioner: [{}]}}}}, noBlocks)).toThrow(/provisioners/)
    expect(() => renderHcl({module: {}} as TerraformJson, noBlocks)).toThrow(/unsupported top-level key "module"/)
  })
})
