// The floor bench/synth.mjs measures `scaleplan synth` against: a hand-written CDKTF program that
// builds the stacks of stage 7 (one per region: network across three zones with NAT gateways,
// flow logs, routes and VPC peering to the first region, load balancer with a rule and target
// group per service, ECS services with autoscaling, logs and secrets, PostgreSQL primary and
// replica, Valkey, static buckets; one CloudFront distribution in the first region) straight
// from deep imports, with none of scaleplan around it: no CLI, no planning, no policy checks, no
// deterministic post-processing. Resource types and counts per stack are close to scaleplan's.
//
// node bench/synth-floor.mjs OUT_DIR REGIONS SERVICES (e.g. /tmp/floor us-east-1,eu-west-1 svc1,svc2)
import {createRequire} from 'node:module'

// require(), as scaleplan's infra/ loads them: an ESM import of the provider's CommonJS modules
// would make Node scan each for its export names, a cost the floor should not carry either.
const require = createRequire(import.meta.url)
const {App, DataResource, TerraformOutput, TerraformStack} = require('cdktf')
const aws = (name) => require(`@cdktf/provider-aws/lib/${name}/index.js`)

const {AwsProvider} = aws('provider')
const {Vpc} = aws('vpc')
const {Subnet} = aws('subnet')
const {InternetGateway} = aws('internet-gateway')
const {Eip} = aws('eip')
const {NatGateway} = aws('nat-gateway')
const {RouteTable} = aws('route-table')
const {RouteTableAssociation} = aws('route-table-association')
const {Route} = aws('route')
const {FlowLog} = aws('flow-log')
const {VpcPeeringConnection} = aws('vpc-peering-connection')
const {VpcPeeringConnectionAccepterA} = aws('vpc-peering-connection-accepter')
const {IamRolePolicy} = aws('iam-role-policy')
const {SecretsmanagerSecret} = aws('secretsmanager-secret')
const {SecretsmanagerSecretVersion} = aws('secretsmanager-secret-version')
const {S3BucketLifecycleConfiguration} = aws('s3-bucket-lifecycle-configuration')
const {DefaultSecurityGroup} = aws('default-security-group')
const {SecurityGroup} = aws('security-group')
const {Lb} = aws('lb')
const {LbListener} = aws('lb-listener')
const {LbListenerRule} = aws('lb-listener-rule')
const {LbTargetGroup} = aws('lb-target-group')
const {EcsCluster} = aws('ecs-cluster')
const {EcsService} = aws('ecs-service')
const {EcsTaskDefinition} = aws('ecs-task-definition')
const {CloudwatchLogGroup} = aws('cloudwatch-log-group')
const {AppautoscalingTarget} = aws('appautoscaling-target')
const {AppautoscalingPolicy} = aws('appautoscaling-policy')
const {IamRole} = aws('iam-role')
const {IamRolePolicyAttachment} = aws('iam-role-policy-attachment')
const {DbSubnetGroup} = aws('db-subnet-group')
const {DbInstance} = aws('db-instance')
const {ElasticacheSubnetGroup} = aws('elasticache-subnet-group')
const {ElasticacheReplicationGroup} = aws('elasticache-replication-group')
const {KmsKey} = aws('kms-key')
const {S3Bucket} = aws('s3-bucket')
const {S3BucketOwnershipControls} = aws('s3-bucket-ownership-controls')
const {S3BucketPolicy} = aws('s3-bucket-policy')
const {S3BucketPublicAccessBlock} = aws('s3-bucket-public-access-block')
const {S3BucketServerSideEncryptionConfigurationA} = aws('s3-bucket-server-side-encryption-configuration')
const {S3BucketVersioningA} = aws('s3-bucket-versioning')
const {CloudfrontDistribution} = aws('cloudfront-distribution')
const {CloudfrontOriginAccessControl} = aws('cloudfront-origin-access-control')
const {DataAwsAvailabilityZones} = aws('data-aws-availability-zones')
const {DataAwsCallerIdentity} = aws('data-aws-caller-identity')
const {DataAwsIamPolicyDocument} = aws('data-aws-iam-policy-document')
const {DataAwsPartition} = aws('data-aws-partition')

const [outdir, regionList, serviceList] = process.argv.slice(2)
const regions = regionList.split(',')
const services = serviceList.split(',')
const ZONES = 3

const trust = (service) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{Effect: 'Allow', Principal: {Service: service}, Action: 'sts:AssumeRole'}],
  })

class RegionStack extends TerraformStack {
  constructor(scope, region, primary) {
    super(scope, `app-${region}`)
    new AwsProvider(this, 'aws', {region, defaultTags: [{tags: {project: 'app', region}}]})
    const zones = new DataAwsAvailabilityZones(this, 'zones', {state: 'available'})
    const account = new DataAwsCallerIdentity(this, 'account')
    const partition = new DataAwsPartition(this, 'partition')

    // Network: public and private subnets in three zones, a NAT gateway per zone.
    const vpc = new Vpc(this, 'vpc', {cidrBlock: '10.0.0.0/16', enableDnsHostnames: true, enableDnsSupport: true})
    new DefaultSecurityGroup(this, 'default-sg', {vpcId: vpc.id})
    const igw = new InternetGateway(this, 'igw', {vpcId: vpc.id})
    const flowLogs = new CloudwatchLogGroup(this, 'flow-logs', {name: `/app/${region}/flow`, retentionInDays: 30})
    const flowRole = new IamRole(this, 'flow-log-role', {assumeRolePolicy: trust('vpc-flow-logs.amazonaws.com')})
    new FlowLog(this, 'flow-log', {
      vpcId: vpc.id,
      trafficType: 'ALL',
      logDestination: flowLogs.arn,
      iamRoleArn: flowRole.arn,
    })
    const peering = primary
      ? undefined
      : new VpcPeeringConnection(this, 'peering', {vpcId: vpc.id, peerVpcId: 'vpc-primary', peerRegion: regions[0]})
    if (peering)
      new VpcPeeringConnectionAccepterA(this, 'peering-accepter', {
        vpcPeeringConnectionId: peering.id,
        autoAccept: true,
      })
    const publicRoutes = new RouteTable(this, 'public-routes', {vpcId: vpc.id})
    new Route(this, 'public-default', {
      routeTableId: publicRoutes.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: igw.id,
    })
    const publicSubnets = []
    const privateSubnets = []
    for (let z = 0; z < ZONES; z++) {
      const az = `\${${zones.fqn}.names[${z}]}`
      const pub = new Subnet(this, `public-${z}`, {vpcId: vpc.id, cidrBlock: `10.0.${z}.0/24`, availabilityZone: az})
      const priv = new Subnet(this, `private-${z}`, {
        vpcId: vpc.id,
        cidrBlock: `10.0.${10 + z}.0/24`,
        availabilityZone: az,
      })
      publicSubnets.push(pub)
      privateSubnets.push(priv)
      new RouteTableAssociation(this, `public-${z}-routes`, {subnetId: pub.id, routeTableId: publicRoutes.id})
      const eip = new Eip(this, `nat-${z}-ip`, {domain: 'vpc'})
      const nat = new NatGateway(this, `nat-${z}`, {allocationId: eip.id, subnetId: pub.id})
      const routes = new RouteTable(this, `private-${z}-routes`, {vpcId: vpc.id})
      new Route(this, `private-${z}-default`, {
        routeTableId: routes.id,
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId: nat.id,
      })
      if (peering) {
        for (const [i, cidr] of ['10.0.0.0/16', '10.1.0.0/16'].entries()) {
          new Route(this, `private-${z}-peer-${i}`, {
            routeTableId: routes.id,
            destinationCidrBlock: cidr,
            vpcPeeringConnectionId: peering.id,
          })
        }
      }
      new RouteTableAssociation(this, `private-${z}-assoc`, {subnetId: priv.id, routeTableId: routes.id})
    }

    const group = (name, port, from) =>
      new SecurityGroup(this, `${name}-sg`, {
        name: `app-${name}`,
        vpcId: vpc.id,
        ingress: [{fromPort: port, toPort: port, protocol: 'tcp', ...from}],
        egress: [{fromPort: 0, toPort: 0, protocol: '-1', cidrBlocks: ['0.0.0.0/0']}],
      })
    const albSg = group('alb', 443, {cidrBlocks: ['0.0.0.0/0']})
    const appSg = group('app', 8080, {securityGroups: [albSg.id]})
    const dbSg = group('db', 5432, {securityGroups: [appSg.id]})
    const cacheSg = group('cache', 6379, {securityGroups: [appSg.id]})
    for (const extra of ['bastion', 'endpoints', 'monitoring', 'migrations'])
      group(extra, 443, {securityGroups: [appSg.id]})

    // Load balancer and services.
    const subnetIds = (subnets) => subnets.map((s) => s.id)
    const lb = new Lb(this, 'lb', {
      name: `app-${region}`,
      loadBalancerType: 'application',
      securityGroups: [albSg.id],
      subnets: subnetIds(publicSubnets),
      dropInvalidHeaderFields: true,
    })
    const listener = new LbListener(this, 'http', {
      loadBalancerArn: lb.arn,
      port: 80,
      protocol: 'HTTP',
      defaultAction: [{type: 'fixed-response', fixedResponse: {contentType: 'text/plain', statusCode: '404'}}],
    })
    const cluster = new EcsCluster(this, 'cluster', {
      name: `app-${region}`,
      setting: [{name: 'containerInsights', value: 'enabled'}],
    })
    const executionRole = new IamRole(this, 'task-execution', {assumeRolePolicy: trust('ecs-tasks.amazonaws.com')})
    new IamRolePolicyAttachment(this, 'task-execution-policy', {
      role: executionRole.name,
      policyArn: `arn:\${${partition.fqn}.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`,
    })
    services.forEach((service, i) => {
      const role = new IamRole(this, `${service}-task-role`, {assumeRolePolicy: trust('ecs-tasks.amazonaws.com')})
      new IamRolePolicy(this, `${service}-secrets`, {
        role: role.id,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['secretsmanager:GetSecretValue'],
              Resource: `arn:aws:secretsmanager:${region}:*:secret:app/*`,
            },
          ],
        }),
      })
      const logs = new CloudwatchLogGroup(this, `${service}-logs`, {name: `/app/${service}`, retentionInDays: 30})
      const targets = new LbTargetGroup(this, `${service}-targets`, {
        name: `${service}-${region}`.slice(0, 32),
        port: 8080,
        protocol: 'HTTP',
        targetType: 'ip',
        vpcId: vpc.id,
        healthCheck: {path: '/health', matcher: '200', interval: 15, healthyThreshold: 2, unhealthyThreshold: 3},
      })
      new LbListenerRule(this, `${service}-rule`, {
        listenerArn: listener.arn,
        priority: 100 + i,
        condition: [{pathPattern: {values: [`/${service}/*`]}}],
        action: [{type: 'forward', targetGroupArn: targets.arn}],
      })
      const task = new EcsTaskDefinition(this, `${service}-task`, {
        family: `app-${service}`,
        cpu: '1024',
        memory: '2048',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        executionRoleArn: executionRole.arn,
        taskRoleArn: role.arn,
        runtimePlatform: {cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX'},
        containerDefinitions: JSON.stringify([
          {
            name: service,
            image: `public.ecr.aws/nginx/nginx:stable`,
            essential: true,
            portMappings: [{containerPort: 8080, protocol: 'tcp'}],
            logConfiguration: {
              logDriver: 'awslogs',
              options: {'awslogs-group': `/app/${service}`, 'awslogs-region': region, 'awslogs-stream-prefix': service},
            },
          },
        ]),
        dependsOn: [logs],
      })
      const ecsService = new EcsService(this, `${service}-service`, {
        name: service,
        cluster: cluster.id,
        taskDefinition: task.arn,
        desiredCount: 3,
        launchType: 'FARGATE',
        networkConfiguration: {subnets: subnetIds(privateSubnets), securityGroups: [appSg.id]},
        loadBalancer: [{targetGroupArn: targets.arn, containerName: service, containerPort: 8080}],
        deploymentCircuitBreaker: {enable: true, rollback: true},
        lifecycle: {ignoreChanges: ['desired_count']},
      })
      const scaling = new AppautoscalingTarget(this, `${service}-scaling`, {
        serviceNamespace: 'ecs',
        scalableDimension: 'ecs:service:DesiredCount',
        resourceId: `service/${cluster.name}/${ecsService.name}`,
        minCapacity: 3,
        maxCapacity: 12,
      })
      new AppautoscalingPolicy(this, `${service}-cpu`, {
        name: `${service}-cpu`,
        policyType: 'TargetTrackingScaling',
        serviceNamespace: scaling.serviceNamespace,
        scalableDimension: scaling.scalableDimension,
        resourceId: scaling.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          targetValue: 60,
          predefinedMetricSpecification: {predefinedMetricType: 'ECSServiceAverageCPUUtilization'},
        },
      })
    })

    const secret = new SecretsmanagerSecret(this, 'app-secret', {name: `app/${region}/config`, recoveryWindowInDays: 7})
    new SecretsmanagerSecretVersion(this, 'app-secret-value', {
      secretId: secret.id,
      secretString: JSON.stringify({region}),
    })
    for (let i = 0; i < (primary ? 3 : 8); i++) new DataResource(this, `guard-${i}`, {input: {region, index: i}})

    // Database: a primary in the first region, a replica here; Valkey for the cache.
    const key = primary
      ? undefined
      : new KmsKey(this, 'replica-key', {enableKeyRotation: true, deletionWindowInDays: 30})
    const dbSubnets = new DbSubnetGroup(this, 'db-subnets', {
      name: `app-${region}`,
      subnetIds: subnetIds(privateSubnets),
    })
    const monitoring = new IamRole(this, 'db-monitoring', {assumeRolePolicy: trust('monitoring.rds.amazonaws.com')})
    for (const [id, replica] of [
      ['db', !primary],
      ['db-replica', true],
    ]) {
      new DbInstance(this, id, {
        identifier: `app-${region}-${id}`,
        instanceClass: 'db.r6g.xlarge',
        engine: replica ? undefined : 'postgres',
        engineVersion: replica ? undefined : '16',
        allocatedStorage: replica ? undefined : 2000,
        replicateSourceDb: replica ? 'app-primary' : undefined,
        manageMasterUserPassword: replica ? undefined : true,
        username: replica ? undefined : 'app',
        dbSubnetGroupName: dbSubnets.name,
        vpcSecurityGroupIds: [dbSg.id],
        multiAz: true,
        storageEncrypted: true,
        kmsKeyId: key?.arn,
        backupRetentionPeriod: replica ? 0 : 7,
        deletionProtection: true,
        monitoringInterval: 60,
        monitoringRoleArn: monitoring.arn,
        finalSnapshotIdentifier: `app-${region}-${id}-final`,
      })
    }
    const cacheSubnets = new ElasticacheSubnetGroup(this, 'cache-subnets', {
      name: `app-${region}`,
      subnetIds: subnetIds(privateSubnets),
    })
    new ElasticacheReplicationGroup(this, 'cache', {
      replicationGroupId: `app-${region}`,
      description: 'app cache',
      engine: 'valkey',
      nodeType: 'cache.r7g.large',
      numCacheClusters: 3,
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      atRestEncryptionEnabled: true,
      transitEncryptionEnabled: true,
      snapshotRetentionLimit: 7,
      subnetGroupName: cacheSubnets.name,
      securityGroupIds: [cacheSg.id],
    })

    // Static buckets (site, logs and assets in the first region; assets here), one CloudFront
    // distribution for the project in the first region.
    const buckets = (primary ? ['site', 'logs', 'assets'] : ['assets']).map((name) => {
      const bucket = new S3Bucket(this, name, {bucketPrefix: `app-${region}-${name}-`})
      new S3BucketOwnershipControls(this, `${name}-ownership`, {
        bucket: bucket.id,
        rule: {objectOwnership: 'BucketOwnerEnforced'},
      })
      new S3BucketPublicAccessBlock(this, `${name}-public-access`, {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      })
      new S3BucketServerSideEncryptionConfigurationA(this, `${name}-encryption`, {
        bucket: bucket.id,
        rule: [{applyServerSideEncryptionByDefault: {sseAlgorithm: 'AES256'}}],
      })
      new S3BucketLifecycleConfiguration(this, `${name}-lifecycle`, {
        bucket: bucket.id,
        rule: [
          {
            id: 'expire-old-versions',
            status: 'Enabled',
            filter: [{prefix: ''}],
            noncurrentVersionExpiration: [{noncurrentDays: 30}],
          },
        ],
      })
      return bucket
    })
    const [bucket] = buckets
    let url = lb.dnsName
    if (primary) {
      new S3BucketVersioningA(this, 'site-versioning', {
        bucket: bucket.id,
        versioningConfiguration: {status: 'Enabled'},
      })
      const oac = new CloudfrontOriginAccessControl(this, 'site-oac', {
        name: 'app',
        originAccessControlOriginType: 's3',
        signingBehavior: 'always',
        signingProtocol: 'sigv4',
      })
      const cdn = new CloudfrontDistribution(this, 'cdn', {
        enabled: true,
        defaultRootObject: 'index.html',
        origin: [
          {originId: 'site', domainName: bucket.bucketRegionalDomainName, originAccessControlId: oac.id},
          {
            originId: 'api',
            domainName: lb.dnsName,
            customOriginConfig: {
              httpPort: 80,
              httpsPort: 443,
              originProtocolPolicy: 'http-only',
              originSslProtocols: ['TLSv1.2'],
            },
          },
        ],
        defaultCacheBehavior: {
          targetOriginId: 'site',
          viewerProtocolPolicy: 'redirect-to-https',
          allowedMethods: ['GET', 'HEAD'],
          cachedMethods: ['GET', 'HEAD'],
          cachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
        },
        orderedCacheBehavior: services.map((service) => ({
          pathPattern: `/${service}/*`,
          targetOriginId: 'api',
          viewerProtocolPolicy: 'redirect-to-https',
          allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'],
          cachedMethods: ['GET', 'HEAD'],
          cachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
        })),
        restrictions: {geoRestriction: {restrictionType: 'none'}},
        viewerCertificate: {cloudfrontDefaultCertificate: true},
      })
      url = cdn.domainName
    }
    buckets.forEach((b, i) => {
      const policy = new DataAwsIamPolicyDocument(this, `bucket-${i}-policy-document`, {
        statement: [
          {
            actions: ['s3:GetObject'],
            resources: [`${b.arn}/*`],
            principals: [{type: 'Service', identifiers: ['cloudfront.amazonaws.com']}],
          },
        ],
      })
      new S3BucketPolicy(this, `bucket-${i}-policy`, {bucket: b.id, policy: policy.json})
    })

    new TerraformOutput(this, 'url', {value: `https://${url}`})
    new TerraformOutput(this, 'lb_dns_name', {value: lb.dnsName})
    new TerraformOutput(this, 'cluster_name', {value: cluster.name})
    new TerraformOutput(this, 'account_id', {value: account.accountId})
  }
}

const app = new App({outdir})
regions.forEach((region, i) => new RegionStack(app, region, i === 0))
app.synth()
