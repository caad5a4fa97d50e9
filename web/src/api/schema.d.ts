// Generated from Tessera's OpenAPI document by scripts/generate-api-types.ts; do not edit.
export interface paths {
    "/auth/outsider/code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mail a one-time code to an address outside the organization */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        accessPackageId?: string;
                        email: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/outsider/signIn": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with a mailed one-time code (becoming a guest if new) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        displayName?: string;
                        email: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/auditLogs/directoryAudits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List audit log entries, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/auditLogs/directoryAudits/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an audit log entry */
        get: {
            parameters: {
                query?: {
                    /** @description Relationships to include */
                    $expand?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List groups */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Create a group, optionally binding members and owners */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        displayName: string;
                        groupTypes?: ("Unified" | "DynamicMembership")[];
                        isAssignableToRole?: boolean;
                        mailEnabled?: boolean;
                        mailNickname?: string;
                        "members@odata.bind"?: string[];
                        membershipRule?: string | null;
                        /** @enum {string} */
                        membershipRuleProcessingState?: "On" | "Paused";
                        "owners@odata.bind"?: string[];
                        securityEnabled?: boolean;
                        visibility?: ("Public" | "Private" | "HiddenMembership") | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a group */
        get: {
            parameters: {
                query?: {
                    /** @description Relationships to include */
                    $expand?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a group (kept for history) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Update a group */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        displayName?: string;
                        groupTypes?: ("Unified" | "DynamicMembership")[];
                        mailEnabled?: boolean;
                        mailNickname?: string;
                        membershipRule?: string | null;
                        /** @enum {string} */
                        membershipRuleProcessingState?: "On" | "Paused";
                        securityEnabled?: boolean;
                        visibility?: ("Public" | "Private" | "HiddenMembership") | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/v1.0/groups/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a group's members */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/groups/{id}/members/{memberId}/$ref": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove from a group's members */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    memberId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/groups/{id}/members/$ref": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add to a group's members */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        "@odata.id": string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/groups/{id}/owners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a group's owners */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/groups/{id}/owners/{ownerId}/$ref": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove from a group's owners */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    ownerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/groups/{id}/owners/$ref": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add to a group's owners */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        "@odata.id": string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/groups/{id}/transitiveMembers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a group's members, through nested groups */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/groups/{id}/transitiveMembers/microsoft.graph.group": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a group's members, through nested groups (groups only) */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/groups/{id}/transitiveMembers/microsoft.graph.user": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a group's members, through nested groups (users only) */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/accessReviews/definitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List access review definitions */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Create an access review definition */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        descriptionForAdmins?: string | null;
                        descriptionForReviewers?: string | null;
                        displayName: string;
                        fallbackReviewers?: {
                            "@odata.type"?: string;
                            inactiveDuration?: string | null;
                            query: string;
                            queryRoot?: string | null;
                            queryType?: string | null;
                        }[];
                        instanceEnumerationScope?: {
                            "@odata.type"?: string;
                            inactiveDuration?: string | null;
                            query: string;
                            queryRoot?: string | null;
                            queryType?: string | null;
                        } | null;
                        reviewers?: {
                            "@odata.type"?: string;
                            inactiveDuration?: string | null;
                            query: string;
                            queryRoot?: string | null;
                            queryType?: string | null;
                        }[];
                        scope: {
                            "@odata.type"?: string;
                            inactiveDuration?: string | null;
                            query: string;
                            queryRoot?: string | null;
                            queryType?: string | null;
                        };
                        settings: {
                            applyActions?: {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.removeAccessApplyAction" | "#microsoft.graph.disableAndDeleteUserApplyAction" | "microsoft.graph.removeAccessApplyAction" | "microsoft.graph.disableAndDeleteUserApplyAction";
                            }[];
                            autoApplyDecisionsEnabled?: boolean;
                            decisionHistoriesForReviewersEnabled?: boolean;
                            defaultDecision?: ("Approve" | "Deny" | "Recommendation" | "None") | null;
                            defaultDecisionEnabled?: boolean;
                            instanceDurationInDays?: number;
                            justificationRequiredOnApproval?: boolean;
                            mailNotificationsEnabled?: boolean;
                            recommendationLookBackDuration?: string | null;
                            recommendationsEnabled?: boolean;
                            recurrence: {
                                pattern?: ({
                                    interval: number;
                                    /** @enum {string} */
                                    type: "weekly" | "absoluteMonthly" | "absoluteYearly";
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                range: {
                                    endDate?: string | null;
                                    numberOfOccurrences?: number | null;
                                    recurrenceTimeZone?: string | null;
                                    startDate: string;
                                    /** @enum {string} */
                                    type: "noEnd" | "endDate" | "numbered";
                                } & {
                                    [key: string]: unknown;
                                };
                            };
                            reminderNotificationsEnabled?: boolean;
                        } & {
                            [key: string]: unknown;
                        };
                        stageSettings?: ({
                            decisionsThatWillMoveToNextStage?: ("Approve" | "Deny" | "NotReviewed" | "Recommendation")[] | null;
                            dependsOn?: string[];
                            durationInDays: number;
                            fallbackReviewers?: {
                                "@odata.type"?: string;
                                inactiveDuration?: string | null;
                                query: string;
                                queryRoot?: string | null;
                                queryType?: string | null;
                            }[];
                            recommendationsEnabled?: boolean | null;
                            reviewers?: {
                                "@odata.type"?: string;
                                inactiveDuration?: string | null;
                                query: string;
                                queryRoot?: string | null;
                                queryType?: string | null;
                            }[];
                            stageId: string;
                        } & {
                            [key: string]: unknown;
                        })[] | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/accessReviews/definitions/{definitionId}/instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the instances of an access review */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    definitionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/accessReviews/definitions/{definitionId}/instances/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an instance, or filterByCurrentUser(on='reviewer') */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    definitionId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/accessReviews/definitions/{definitionId}/instances/{instanceId}/acceptRecommendations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept the recommendations of everything the caller reviews that nobody has decided */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    definitionId: string;
                    instanceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/accessReviews/definitions/{definitionId}/instances/{instanceId}/applyDecisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Apply the decisions of a completed instance */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    definitionId: string;
                    instanceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/accessReviews/definitions/{definitionId}/instances/{instanceId}/batchRecordDecisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record one decision for all (or one person’s, or one resource’s) decisions the caller reviews */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    definitionId: string;
                    instanceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        decision: "Approve" | "Deny" | "DontKnow";
                        justification?: string | null;
                        principalId?: string | null;
                        resourceId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/accessReviews/definitions/{definitionId}/instances/{instanceId}/decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List decisions (for those who read reviews) */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    definitionId: string;
                    instanceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/accessReviews/definitions/{definitionId}/instances/{instanceId}/decisions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a decision, or filterByCurrentUser(on='reviewer') */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    definitionId: string;
                    id: string;
                    instanceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Record a decision (reviewers only; it can change while the stage is open) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    definitionId: string;
                    id: string;
                    instanceId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        decision: "Approve" | "Deny" | "DontKnow" | "NotReviewed";
                        justification?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/v1.0/identityGovernance/accessReviews/definitions/{definitionId}/instances/{instanceId}/resetDecisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set every decision of the current stage back to NotReviewed */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    definitionId: string;
                    instanceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/accessReviews/definitions/{definitionId}/instances/{instanceId}/sendReminder": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Remind the reviewers who have decisions left */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    definitionId: string;
                    instanceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/accessReviews/definitions/{definitionId}/instances/{instanceId}/stages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the stages of an instance */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    definitionId: string;
                    instanceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/accessReviews/definitions/{definitionId}/instances/{instanceId}/stages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a stage of an instance */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    definitionId: string;
                    id: string;
                    instanceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/accessReviews/definitions/{definitionId}/instances/{instanceId}/stages/{stageId}/decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List decisions (for those who read reviews) */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    definitionId: string;
                    instanceId: string;
                    stageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/accessReviews/definitions/{definitionId}/instances/{instanceId}/stages/{stageId}/decisions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a decision, or filterByCurrentUser(on='reviewer') */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    definitionId: string;
                    id: string;
                    instanceId: string;
                    stageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Record a decision (reviewers only; it can change while the stage is open) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    definitionId: string;
                    id: string;
                    instanceId: string;
                    stageId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        decision: "Approve" | "Deny" | "DontKnow" | "NotReviewed";
                        justification?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/v1.0/identityGovernance/accessReviews/definitions/{definitionId}/instances/{instanceId}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop an instance now: its decisions stay, and are applied if the review says so */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    definitionId: string;
                    instanceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/accessReviews/definitions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an access review definition, or filterByCurrentUser(on='reviewer') */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        /** Update an access review definition (the next instance starts with the change) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        descriptionForAdmins?: string | null;
                        descriptionForReviewers?: string | null;
                        displayName: string;
                        fallbackReviewers?: {
                            "@odata.type"?: string;
                            inactiveDuration?: string | null;
                            query: string;
                            queryRoot?: string | null;
                            queryType?: string | null;
                        }[];
                        instanceEnumerationScope?: {
                            "@odata.type"?: string;
                            inactiveDuration?: string | null;
                            query: string;
                            queryRoot?: string | null;
                            queryType?: string | null;
                        } | null;
                        reviewers?: {
                            "@odata.type"?: string;
                            inactiveDuration?: string | null;
                            query: string;
                            queryRoot?: string | null;
                            queryType?: string | null;
                        }[];
                        scope: {
                            "@odata.type"?: string;
                            inactiveDuration?: string | null;
                            query: string;
                            queryRoot?: string | null;
                            queryType?: string | null;
                        };
                        settings: {
                            applyActions?: {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.removeAccessApplyAction" | "#microsoft.graph.disableAndDeleteUserApplyAction" | "microsoft.graph.removeAccessApplyAction" | "microsoft.graph.disableAndDeleteUserApplyAction";
                            }[];
                            autoApplyDecisionsEnabled?: boolean;
                            decisionHistoriesForReviewersEnabled?: boolean;
                            defaultDecision?: ("Approve" | "Deny" | "Recommendation" | "None") | null;
                            defaultDecisionEnabled?: boolean;
                            instanceDurationInDays?: number;
                            justificationRequiredOnApproval?: boolean;
                            mailNotificationsEnabled?: boolean;
                            recommendationLookBackDuration?: string | null;
                            recommendationsEnabled?: boolean;
                            recurrence: {
                                pattern?: ({
                                    interval: number;
                                    /** @enum {string} */
                                    type: "weekly" | "absoluteMonthly" | "absoluteYearly";
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                range: {
                                    endDate?: string | null;
                                    numberOfOccurrences?: number | null;
                                    recurrenceTimeZone?: string | null;
                                    startDate: string;
                                    /** @enum {string} */
                                    type: "noEnd" | "endDate" | "numbered";
                                } & {
                                    [key: string]: unknown;
                                };
                            };
                            reminderNotificationsEnabled?: boolean;
                        } & {
                            [key: string]: unknown;
                        };
                        stageSettings?: ({
                            decisionsThatWillMoveToNextStage?: ("Approve" | "Deny" | "NotReviewed" | "Recommendation")[] | null;
                            dependsOn?: string[];
                            durationInDays: number;
                            fallbackReviewers?: {
                                "@odata.type"?: string;
                                inactiveDuration?: string | null;
                                query: string;
                                queryRoot?: string | null;
                                queryType?: string | null;
                            }[];
                            recommendationsEnabled?: boolean | null;
                            reviewers?: {
                                "@odata.type"?: string;
                                inactiveDuration?: string | null;
                                query: string;
                                queryRoot?: string | null;
                                queryType?: string | null;
                            }[];
                            stageId: string;
                        } & {
                            [key: string]: unknown;
                        })[] | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        /** Delete an access review definition (its instances stay, as history) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/accessPackageAssignmentApprovals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get the approval of a request, or filterByCurrentUser(on='approver') */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/accessPackageAssignmentApprovals/{id}/stages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the stages of an approval */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/accessPackageAssignmentApprovals/{id}/stages/{stageId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a stage of an approval */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    stageId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Approve or deny a stage (the first decision counts) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    stageId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        justification?: string | null;
                        /** @enum {string} */
                        reviewResult: "Approve" | "Deny";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/accessPackages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List access packages in the catalogs the caller may read */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Create an access package */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        catalog: {
                            id: string;
                        };
                        description?: string | null;
                        displayName: string;
                        isHidden?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/accessPackages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an access package (also to whoever a policy lets request it, hidden or not, as filterByCurrentUser shows it) */
        get: {
            parameters: {
                query?: {
                    /** @description Relationships to include */
                    $expand?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an access package (kept for history) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Update an access package */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        displayName?: string;
                        isHidden?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/accessPackages/{id}/accessPackagesIncompatibleWith": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List accessPackagesIncompatibleWith of an access package */
        get: {
            parameters: {
                query?: {
                    /** @description Relationships to include */
                    $expand?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/accessPackages/{id}/assignmentPolicies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List an access package's assignment policies */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/accessPackages/{id}/getApplicablePolicyRequirements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What requesting this access package requires of the caller, per applicable policy */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/accessPackages/{id}/incompatibleAccessPackages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List incompatibleAccessPackages of an access package */
        get: {
            parameters: {
                query?: {
                    /** @description Relationships to include */
                    $expand?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/accessPackages/{id}/incompatibleAccessPackages/{otherId}/$ref": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove from incompatibleAccessPackages */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    otherId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/accessPackages/{id}/incompatibleAccessPackages/$ref": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add to incompatibleAccessPackages */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        "@odata.id": string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/accessPackages/{id}/incompatibleGroups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List incompatibleGroups of an access package */
        get: {
            parameters: {
                query?: {
                    /** @description Relationships to include */
                    $expand?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/accessPackages/{id}/incompatibleGroups/{groupId}/$ref": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove from incompatibleGroups */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    groupId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/accessPackages/{id}/incompatibleGroups/$ref": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add to incompatibleGroups */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        "@odata.id": string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/accessPackages/{id}/resourceRoleScopes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List an access package's resource role scopes */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Add a resource role to an access package */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        role: {
                            description?: string | null;
                            displayName?: string | null;
                            id?: string;
                            originId?: string;
                            originSystem?: string;
                            resource?: {
                                createdDateTime?: string | null;
                                description?: string | null;
                                displayName?: string | null;
                                id?: string;
                                modifiedDateTime?: string | null;
                                originId?: string;
                                originSystem?: string;
                            };
                        };
                        scope: {
                            description?: string | null;
                            displayName?: string | null;
                            id?: string;
                            isRootScope?: boolean;
                            originId?: string;
                            originSystem?: string;
                            resource?: {
                                createdDateTime?: string | null;
                                description?: string | null;
                                displayName?: string | null;
                                id?: string;
                                modifiedDateTime?: string | null;
                                originId?: string;
                                originSystem?: string;
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/accessPackages/{id}/resourceRoleScopes/{roleScopeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a resource role from an access package */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    roleScopeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/accessPackages/filterByCurrentUser{call}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Access packages the caller may request */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    call: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/assignmentPolicies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List assignment policies in the catalogs the caller may read */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Create an assignment policy for an access package */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accessPackage: {
                            id: string;
                        };
                        allowedTargetScope?: string | null;
                        automaticRequestSettings?: {
                            gracePeriodBeforeAccessRemoval?: string | null;
                            removeAccessWhenTargetLeavesAllowedTargets?: boolean | null;
                            requestAccessForAllowedTargets?: boolean | null;
                        } | null;
                        customExtensionStageSettings?: unknown[] | null;
                        description?: string | null;
                        displayName: string;
                        expiration?: {
                            duration?: string | null;
                            endDateTime?: string | null;
                            /** @enum {string} */
                            type: "notSpecified" | "noExpiration" | "afterDateTime" | "afterDuration";
                        } | null;
                        notificationSettings?: {
                            isAssignmentNotificationDisabled?: boolean | null;
                        } | null;
                        questions?: ({
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.accessPackageTextInputQuestion";
                            id?: string | null;
                            isAnswerEditable?: boolean | null;
                            isRequired?: boolean | null;
                            isSingleLineQuestion?: boolean | null;
                            localizations?: {
                                languageCode: string;
                                text: string;
                            }[] | null;
                            regexPattern?: string | null;
                            sequence?: number | null;
                            text: string;
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.accessPackageMultipleChoiceQuestion";
                            choices?: {
                                actualValue: string;
                                localizations?: {
                                    languageCode: string;
                                    text: string;
                                }[] | null;
                                text: string;
                            }[] | null;
                            id?: string | null;
                            isAnswerEditable?: boolean | null;
                            isMultipleSelectionAllowed?: boolean | null;
                            isRequired?: boolean | null;
                            localizations?: {
                                languageCode: string;
                                text: string;
                            }[] | null;
                            sequence?: number | null;
                            text: string;
                        })[] | null;
                        requestApprovalSettings?: {
                            isApprovalRequiredForAdd?: boolean | null;
                            isApprovalRequiredForUpdate?: boolean | null;
                            isRequestorJustificationRequired?: boolean | null;
                            stages?: {
                                durationBeforeAutomaticDenial: string;
                                durationBeforeEscalation?: string | null;
                                escalationApprovers?: ({
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.singleUser";
                                    description?: string | null;
                                    userId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.groupMembers";
                                    description?: string | null;
                                    groupId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.requestorManager";
                                    /** @default 1 */
                                    managerLevel?: number;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.internalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.externalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.targetUserSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                                    connectedOrganizationId: string;
                                    description?: string | null;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.attributeRuleMembers";
                                    description?: string | null;
                                    membershipRule: string;
                                })[] | null;
                                fallbackEscalationApprovers?: ({
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.singleUser";
                                    description?: string | null;
                                    userId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.groupMembers";
                                    description?: string | null;
                                    groupId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.requestorManager";
                                    /** @default 1 */
                                    managerLevel?: number;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.internalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.externalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.targetUserSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                                    connectedOrganizationId: string;
                                    description?: string | null;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.attributeRuleMembers";
                                    description?: string | null;
                                    membershipRule: string;
                                })[] | null;
                                fallbackPrimaryApprovers?: ({
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.singleUser";
                                    description?: string | null;
                                    userId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.groupMembers";
                                    description?: string | null;
                                    groupId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.requestorManager";
                                    /** @default 1 */
                                    managerLevel?: number;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.internalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.externalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.targetUserSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                                    connectedOrganizationId: string;
                                    description?: string | null;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.attributeRuleMembers";
                                    description?: string | null;
                                    membershipRule: string;
                                })[] | null;
                                isApproverJustificationRequired?: boolean | null;
                                isEscalationEnabled?: boolean | null;
                                primaryApprovers?: ({
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.singleUser";
                                    description?: string | null;
                                    userId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.groupMembers";
                                    description?: string | null;
                                    groupId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.requestorManager";
                                    /** @default 1 */
                                    managerLevel?: number;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.internalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.externalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.targetUserSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                                    connectedOrganizationId: string;
                                    description?: string | null;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.attributeRuleMembers";
                                    description?: string | null;
                                    membershipRule: string;
                                })[] | null;
                            }[] | null;
                        } | null;
                        requestorSettings?: {
                            allowCustomAssignmentSchedule?: boolean | null;
                            enableOnBehalfRequestorsToAddAccess?: boolean | null;
                            enableOnBehalfRequestorsToRemoveAccess?: boolean | null;
                            enableOnBehalfRequestorsToUpdateAccess?: boolean | null;
                            enableTargetsToSelfAddAccess?: boolean | null;
                            enableTargetsToSelfRemoveAccess?: boolean | null;
                            enableTargetsToSelfUpdateAccess?: boolean | null;
                            onBehalfRequestors?: ({
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.singleUser";
                                description?: string | null;
                                userId: string;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.groupMembers";
                                description?: string | null;
                                groupId: string;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.requestorManager";
                                /** @default 1 */
                                managerLevel?: number;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.internalSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.externalSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.targetUserSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                                connectedOrganizationId: string;
                                description?: string | null;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.attributeRuleMembers";
                                description?: string | null;
                                membershipRule: string;
                            })[] | null;
                        } | null;
                        reviewSettings?: ({
                            expirationBehavior?: ("keepAccess" | "removeAccess" | "acceptAccessRecommendation") | null;
                            fallbackReviewers?: ({
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.singleUser";
                                description?: string | null;
                                userId: string;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.groupMembers";
                                description?: string | null;
                                groupId: string;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.requestorManager";
                                /** @default 1 */
                                managerLevel?: number;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.internalSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.externalSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.targetUserSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                                connectedOrganizationId: string;
                                description?: string | null;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.attributeRuleMembers";
                                description?: string | null;
                                membershipRule: string;
                            })[] | null;
                            isEnabled?: boolean | null;
                            isRecommendationEnabled?: boolean | null;
                            isReviewerJustificationRequired?: boolean | null;
                            isSelfReview?: boolean | null;
                            primaryReviewers?: ({
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.singleUser";
                                description?: string | null;
                                userId: string;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.groupMembers";
                                description?: string | null;
                                groupId: string;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.requestorManager";
                                /** @default 1 */
                                managerLevel?: number;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.internalSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.externalSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.targetUserSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                                connectedOrganizationId: string;
                                description?: string | null;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.attributeRuleMembers";
                                description?: string | null;
                                membershipRule: string;
                            })[] | null;
                            schedule?: ({
                                expiration?: ({
                                    duration?: string | null;
                                    endDateTime?: string | null;
                                    type?: string | null;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                recurrence?: ({
                                    pattern?: ({
                                        interval: number;
                                        /** @enum {string} */
                                        type: "weekly" | "absoluteMonthly" | "absoluteYearly";
                                    } & {
                                        [key: string]: unknown;
                                    }) | null;
                                    range?: ({
                                        endDate?: string | null;
                                        numberOfOccurrences?: number | null;
                                        startDate?: string | null;
                                        type?: ("noEnd" | "endDate" | "numbered") | null;
                                    } & {
                                        [key: string]: unknown;
                                    }) | null;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                startDateTime?: string | null;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                        } & {
                            [key: string]: unknown;
                        }) | null;
                        specificAllowedTargets?: ({
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.singleUser";
                            description?: string | null;
                            userId: string;
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.groupMembers";
                            description?: string | null;
                            groupId: string;
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.requestorManager";
                            /** @default 1 */
                            managerLevel?: number;
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.internalSponsors";
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.externalSponsors";
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.targetUserSponsors";
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                            connectedOrganizationId: string;
                            description?: string | null;
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.attributeRuleMembers";
                            description?: string | null;
                            membershipRule: string;
                        })[] | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/assignmentPolicies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an assignment policy */
        get: {
            parameters: {
                query?: {
                    /** @description Relationships to include */
                    $expand?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        /** Replace an assignment policy (Graph’s update) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accessPackage: {
                            id: string;
                        };
                        allowedTargetScope?: string | null;
                        automaticRequestSettings?: {
                            gracePeriodBeforeAccessRemoval?: string | null;
                            removeAccessWhenTargetLeavesAllowedTargets?: boolean | null;
                            requestAccessForAllowedTargets?: boolean | null;
                        } | null;
                        createdDateTime?: string | null;
                        customExtensionStageSettings?: unknown[] | null;
                        description?: string | null;
                        displayName: string;
                        expiration?: {
                            duration?: string | null;
                            endDateTime?: string | null;
                            /** @enum {string} */
                            type: "notSpecified" | "noExpiration" | "afterDateTime" | "afterDuration";
                        } | null;
                        id?: string;
                        modifiedDateTime?: string | null;
                        notificationSettings?: {
                            isAssignmentNotificationDisabled?: boolean | null;
                        } | null;
                        questions?: ({
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.accessPackageTextInputQuestion";
                            id?: string | null;
                            isAnswerEditable?: boolean | null;
                            isRequired?: boolean | null;
                            isSingleLineQuestion?: boolean | null;
                            localizations?: {
                                languageCode: string;
                                text: string;
                            }[] | null;
                            regexPattern?: string | null;
                            sequence?: number | null;
                            text: string;
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.accessPackageMultipleChoiceQuestion";
                            choices?: {
                                actualValue: string;
                                localizations?: {
                                    languageCode: string;
                                    text: string;
                                }[] | null;
                                text: string;
                            }[] | null;
                            id?: string | null;
                            isAnswerEditable?: boolean | null;
                            isMultipleSelectionAllowed?: boolean | null;
                            isRequired?: boolean | null;
                            localizations?: {
                                languageCode: string;
                                text: string;
                            }[] | null;
                            sequence?: number | null;
                            text: string;
                        })[] | null;
                        requestApprovalSettings?: {
                            isApprovalRequiredForAdd?: boolean | null;
                            isApprovalRequiredForUpdate?: boolean | null;
                            isRequestorJustificationRequired?: boolean | null;
                            stages?: {
                                durationBeforeAutomaticDenial: string;
                                durationBeforeEscalation?: string | null;
                                escalationApprovers?: ({
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.singleUser";
                                    description?: string | null;
                                    userId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.groupMembers";
                                    description?: string | null;
                                    groupId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.requestorManager";
                                    /** @default 1 */
                                    managerLevel?: number;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.internalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.externalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.targetUserSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                                    connectedOrganizationId: string;
                                    description?: string | null;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.attributeRuleMembers";
                                    description?: string | null;
                                    membershipRule: string;
                                })[] | null;
                                fallbackEscalationApprovers?: ({
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.singleUser";
                                    description?: string | null;
                                    userId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.groupMembers";
                                    description?: string | null;
                                    groupId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.requestorManager";
                                    /** @default 1 */
                                    managerLevel?: number;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.internalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.externalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.targetUserSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                                    connectedOrganizationId: string;
                                    description?: string | null;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.attributeRuleMembers";
                                    description?: string | null;
                                    membershipRule: string;
                                })[] | null;
                                fallbackPrimaryApprovers?: ({
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.singleUser";
                                    description?: string | null;
                                    userId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.groupMembers";
                                    description?: string | null;
                                    groupId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.requestorManager";
                                    /** @default 1 */
                                    managerLevel?: number;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.internalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.externalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.targetUserSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                                    connectedOrganizationId: string;
                                    description?: string | null;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.attributeRuleMembers";
                                    description?: string | null;
                                    membershipRule: string;
                                })[] | null;
                                isApproverJustificationRequired?: boolean | null;
                                isEscalationEnabled?: boolean | null;
                                primaryApprovers?: ({
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.singleUser";
                                    description?: string | null;
                                    userId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.groupMembers";
                                    description?: string | null;
                                    groupId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.requestorManager";
                                    /** @default 1 */
                                    managerLevel?: number;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.internalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.externalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.targetUserSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                                    connectedOrganizationId: string;
                                    description?: string | null;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.attributeRuleMembers";
                                    description?: string | null;
                                    membershipRule: string;
                                })[] | null;
                            }[] | null;
                        } | null;
                        requestorSettings?: {
                            allowCustomAssignmentSchedule?: boolean | null;
                            enableOnBehalfRequestorsToAddAccess?: boolean | null;
                            enableOnBehalfRequestorsToRemoveAccess?: boolean | null;
                            enableOnBehalfRequestorsToUpdateAccess?: boolean | null;
                            enableTargetsToSelfAddAccess?: boolean | null;
                            enableTargetsToSelfRemoveAccess?: boolean | null;
                            enableTargetsToSelfUpdateAccess?: boolean | null;
                            onBehalfRequestors?: ({
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.singleUser";
                                description?: string | null;
                                userId: string;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.groupMembers";
                                description?: string | null;
                                groupId: string;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.requestorManager";
                                /** @default 1 */
                                managerLevel?: number;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.internalSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.externalSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.targetUserSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                                connectedOrganizationId: string;
                                description?: string | null;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.attributeRuleMembers";
                                description?: string | null;
                                membershipRule: string;
                            })[] | null;
                        } | null;
                        reviewSettings?: ({
                            expirationBehavior?: ("keepAccess" | "removeAccess" | "acceptAccessRecommendation") | null;
                            fallbackReviewers?: ({
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.singleUser";
                                description?: string | null;
                                userId: string;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.groupMembers";
                                description?: string | null;
                                groupId: string;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.requestorManager";
                                /** @default 1 */
                                managerLevel?: number;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.internalSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.externalSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.targetUserSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                                connectedOrganizationId: string;
                                description?: string | null;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.attributeRuleMembers";
                                description?: string | null;
                                membershipRule: string;
                            })[] | null;
                            isEnabled?: boolean | null;
                            isRecommendationEnabled?: boolean | null;
                            isReviewerJustificationRequired?: boolean | null;
                            isSelfReview?: boolean | null;
                            primaryReviewers?: ({
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.singleUser";
                                description?: string | null;
                                userId: string;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.groupMembers";
                                description?: string | null;
                                groupId: string;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.requestorManager";
                                /** @default 1 */
                                managerLevel?: number;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.internalSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.externalSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.targetUserSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                                connectedOrganizationId: string;
                                description?: string | null;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.attributeRuleMembers";
                                description?: string | null;
                                membershipRule: string;
                            })[] | null;
                            schedule?: ({
                                expiration?: ({
                                    duration?: string | null;
                                    endDateTime?: string | null;
                                    type?: string | null;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                recurrence?: ({
                                    pattern?: ({
                                        interval: number;
                                        /** @enum {string} */
                                        type: "weekly" | "absoluteMonthly" | "absoluteYearly";
                                    } & {
                                        [key: string]: unknown;
                                    }) | null;
                                    range?: ({
                                        endDate?: string | null;
                                        numberOfOccurrences?: number | null;
                                        startDate?: string | null;
                                        type?: ("noEnd" | "endDate" | "numbered") | null;
                                    } & {
                                        [key: string]: unknown;
                                    }) | null;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                startDateTime?: string | null;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                        } & {
                            [key: string]: unknown;
                        }) | null;
                        specificAllowedTargets?: ({
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.singleUser";
                            description?: string | null;
                            userId: string;
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.groupMembers";
                            description?: string | null;
                            groupId: string;
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.requestorManager";
                            /** @default 1 */
                            managerLevel?: number;
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.internalSponsors";
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.externalSponsors";
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.targetUserSponsors";
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                            connectedOrganizationId: string;
                            description?: string | null;
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.attributeRuleMembers";
                            description?: string | null;
                            membershipRule: string;
                        })[] | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        /** Delete an assignment policy (kept for history) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change some properties of an assignment policy (Tessera’s convenience) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accessPackage?: {
                            id: string;
                        };
                        allowedTargetScope?: string | null;
                        automaticRequestSettings?: {
                            gracePeriodBeforeAccessRemoval?: string | null;
                            removeAccessWhenTargetLeavesAllowedTargets?: boolean | null;
                            requestAccessForAllowedTargets?: boolean | null;
                        } | null;
                        createdDateTime?: string | null;
                        customExtensionStageSettings?: unknown[] | null;
                        description?: string | null;
                        displayName?: string;
                        expiration?: {
                            duration?: string | null;
                            endDateTime?: string | null;
                            /** @enum {string} */
                            type: "notSpecified" | "noExpiration" | "afterDateTime" | "afterDuration";
                        } | null;
                        id?: string;
                        modifiedDateTime?: string | null;
                        notificationSettings?: {
                            isAssignmentNotificationDisabled?: boolean | null;
                        } | null;
                        questions?: ({
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.accessPackageTextInputQuestion";
                            id?: string | null;
                            isAnswerEditable?: boolean | null;
                            isRequired?: boolean | null;
                            isSingleLineQuestion?: boolean | null;
                            localizations?: {
                                languageCode: string;
                                text: string;
                            }[] | null;
                            regexPattern?: string | null;
                            sequence?: number | null;
                            text: string;
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.accessPackageMultipleChoiceQuestion";
                            choices?: {
                                actualValue: string;
                                localizations?: {
                                    languageCode: string;
                                    text: string;
                                }[] | null;
                                text: string;
                            }[] | null;
                            id?: string | null;
                            isAnswerEditable?: boolean | null;
                            isMultipleSelectionAllowed?: boolean | null;
                            isRequired?: boolean | null;
                            localizations?: {
                                languageCode: string;
                                text: string;
                            }[] | null;
                            sequence?: number | null;
                            text: string;
                        })[] | null;
                        requestApprovalSettings?: {
                            isApprovalRequiredForAdd?: boolean | null;
                            isApprovalRequiredForUpdate?: boolean | null;
                            isRequestorJustificationRequired?: boolean | null;
                            stages?: {
                                durationBeforeAutomaticDenial: string;
                                durationBeforeEscalation?: string | null;
                                escalationApprovers?: ({
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.singleUser";
                                    description?: string | null;
                                    userId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.groupMembers";
                                    description?: string | null;
                                    groupId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.requestorManager";
                                    /** @default 1 */
                                    managerLevel?: number;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.internalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.externalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.targetUserSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                                    connectedOrganizationId: string;
                                    description?: string | null;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.attributeRuleMembers";
                                    description?: string | null;
                                    membershipRule: string;
                                })[] | null;
                                fallbackEscalationApprovers?: ({
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.singleUser";
                                    description?: string | null;
                                    userId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.groupMembers";
                                    description?: string | null;
                                    groupId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.requestorManager";
                                    /** @default 1 */
                                    managerLevel?: number;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.internalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.externalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.targetUserSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                                    connectedOrganizationId: string;
                                    description?: string | null;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.attributeRuleMembers";
                                    description?: string | null;
                                    membershipRule: string;
                                })[] | null;
                                fallbackPrimaryApprovers?: ({
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.singleUser";
                                    description?: string | null;
                                    userId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.groupMembers";
                                    description?: string | null;
                                    groupId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.requestorManager";
                                    /** @default 1 */
                                    managerLevel?: number;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.internalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.externalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.targetUserSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                                    connectedOrganizationId: string;
                                    description?: string | null;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.attributeRuleMembers";
                                    description?: string | null;
                                    membershipRule: string;
                                })[] | null;
                                isApproverJustificationRequired?: boolean | null;
                                isEscalationEnabled?: boolean | null;
                                primaryApprovers?: ({
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.singleUser";
                                    description?: string | null;
                                    userId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.groupMembers";
                                    description?: string | null;
                                    groupId: string;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.requestorManager";
                                    /** @default 1 */
                                    managerLevel?: number;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.internalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.externalSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.targetUserSponsors";
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                                    connectedOrganizationId: string;
                                    description?: string | null;
                                } | {
                                    /** @enum {string} */
                                    "@odata.type": "#microsoft.graph.attributeRuleMembers";
                                    description?: string | null;
                                    membershipRule: string;
                                })[] | null;
                            }[] | null;
                        } | null;
                        requestorSettings?: {
                            allowCustomAssignmentSchedule?: boolean | null;
                            enableOnBehalfRequestorsToAddAccess?: boolean | null;
                            enableOnBehalfRequestorsToRemoveAccess?: boolean | null;
                            enableOnBehalfRequestorsToUpdateAccess?: boolean | null;
                            enableTargetsToSelfAddAccess?: boolean | null;
                            enableTargetsToSelfRemoveAccess?: boolean | null;
                            enableTargetsToSelfUpdateAccess?: boolean | null;
                            onBehalfRequestors?: ({
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.singleUser";
                                description?: string | null;
                                userId: string;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.groupMembers";
                                description?: string | null;
                                groupId: string;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.requestorManager";
                                /** @default 1 */
                                managerLevel?: number;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.internalSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.externalSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.targetUserSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                                connectedOrganizationId: string;
                                description?: string | null;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.attributeRuleMembers";
                                description?: string | null;
                                membershipRule: string;
                            })[] | null;
                        } | null;
                        reviewSettings?: ({
                            expirationBehavior?: ("keepAccess" | "removeAccess" | "acceptAccessRecommendation") | null;
                            fallbackReviewers?: ({
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.singleUser";
                                description?: string | null;
                                userId: string;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.groupMembers";
                                description?: string | null;
                                groupId: string;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.requestorManager";
                                /** @default 1 */
                                managerLevel?: number;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.internalSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.externalSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.targetUserSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                                connectedOrganizationId: string;
                                description?: string | null;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.attributeRuleMembers";
                                description?: string | null;
                                membershipRule: string;
                            })[] | null;
                            isEnabled?: boolean | null;
                            isRecommendationEnabled?: boolean | null;
                            isReviewerJustificationRequired?: boolean | null;
                            isSelfReview?: boolean | null;
                            primaryReviewers?: ({
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.singleUser";
                                description?: string | null;
                                userId: string;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.groupMembers";
                                description?: string | null;
                                groupId: string;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.requestorManager";
                                /** @default 1 */
                                managerLevel?: number;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.internalSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.externalSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.targetUserSponsors";
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                                connectedOrganizationId: string;
                                description?: string | null;
                            } | {
                                /** @enum {string} */
                                "@odata.type": "#microsoft.graph.attributeRuleMembers";
                                description?: string | null;
                                membershipRule: string;
                            })[] | null;
                            schedule?: ({
                                expiration?: ({
                                    duration?: string | null;
                                    endDateTime?: string | null;
                                    type?: string | null;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                recurrence?: ({
                                    pattern?: ({
                                        interval: number;
                                        /** @enum {string} */
                                        type: "weekly" | "absoluteMonthly" | "absoluteYearly";
                                    } & {
                                        [key: string]: unknown;
                                    }) | null;
                                    range?: ({
                                        endDate?: string | null;
                                        numberOfOccurrences?: number | null;
                                        startDate?: string | null;
                                        type?: ("noEnd" | "endDate" | "numbered") | null;
                                    } & {
                                        [key: string]: unknown;
                                    }) | null;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                                startDateTime?: string | null;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                        } & {
                            [key: string]: unknown;
                        }) | null;
                        specificAllowedTargets?: ({
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.singleUser";
                            description?: string | null;
                            userId: string;
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.groupMembers";
                            description?: string | null;
                            groupId: string;
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.requestorManager";
                            /** @default 1 */
                            managerLevel?: number;
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.internalSponsors";
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.externalSponsors";
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.targetUserSponsors";
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.connectedOrganizationMembers";
                            connectedOrganizationId: string;
                            description?: string | null;
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.attributeRuleMembers";
                            description?: string | null;
                            membershipRule: string;
                        })[] | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/assignmentRequests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List assignment requests in the catalogs the caller may read */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Request access, or assign or remove it directly (admin request types) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        answers?: {
                            /** @enum {string} */
                            "@odata.type"?: "#microsoft.graph.accessPackageAnswerString";
                            answeredQuestion: {
                                "@odata.type"?: string;
                                id: string;
                            };
                            displayValue?: string | null;
                            value: string;
                        }[];
                        assignment: {
                            accessPackage?: {
                                /** Format: uuid */
                                id: string;
                            };
                            /** Format: uuid */
                            accessPackageId?: string;
                            assignmentPolicy?: {
                                /** Format: uuid */
                                id: string;
                            };
                            /** Format: uuid */
                            assignmentPolicyId?: string;
                            /** Format: uuid */
                            id?: string;
                            schedule?: {
                                expiration?: {
                                    duration?: string | null;
                                    endDateTime?: string | null;
                                    /** @enum {string} */
                                    type: "notSpecified" | "noExpiration" | "afterDateTime" | "afterDuration";
                                } | null;
                                recurrence?: null;
                                startDateTime?: string | null;
                            } | null;
                            target?: {
                                displayName?: string;
                                email?: string;
                                /** Format: uuid */
                                objectId?: string;
                                subjectType?: string;
                            };
                            /** Format: uuid */
                            targetId?: string;
                        };
                        justification?: string | null;
                        /** @enum {string} */
                        requestType: "userAdd" | "userUpdate" | "userRemove" | "adminAdd" | "adminUpdate" | "adminRemove" | "systemAdd" | "systemRemove";
                        schedule?: {
                            expiration?: {
                                duration?: string | null;
                                endDateTime?: string | null;
                                /** @enum {string} */
                                type: "notSpecified" | "noExpiration" | "afterDateTime" | "afterDuration";
                            } | null;
                            recurrence?: null;
                            startDateTime?: string | null;
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/assignmentRequests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a request, or filterByCurrentUser(on='target'|'createdBy'|'approver') */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/assignmentRequests/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a request that has not begun delivery */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/assignmentRequests/{id}/reprocess": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deliver again what failed to be delivered */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List assignments in the catalogs the caller may read */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/assignments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an assignment, or filterByCurrentUser(on='target'|'createdBy') */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/assignments/{id}/reprocess": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deliver again every resource role of an assignment */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/catalogs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List catalogs the caller may read */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Create a catalog */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        catalogType?: "userManaged";
                        description?: string | null;
                        displayName: string;
                        isExternallyVisible?: boolean;
                        /** @enum {string} */
                        state?: "unpublished" | "published";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/catalogs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a catalog */
        get: {
            parameters: {
                query?: {
                    /** @description Relationships to include */
                    $expand?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a catalog (kept for history) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Update a catalog */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        catalogType?: "userManaged";
                        description?: string | null;
                        displayName?: string;
                        isExternallyVisible?: boolean;
                        /** @enum {string} */
                        state?: "unpublished" | "published";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/catalogs/{id}/accessPackages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a catalog's access packages */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/catalogs/{id}/resourceRoles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the roles of the resources in a catalog */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/catalogs/{id}/resources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a catalog's resources */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/catalogs/{id}/resources/{resourceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a resource of a catalog */
        get: {
            parameters: {
                query?: {
                    /** @description Relationships to include */
                    $expand?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                };
                header?: never;
                path: {
                    id: string;
                    resourceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/catalogs/{id}/resources/{resourceId}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the roles of a catalog's resource */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    id: string;
                    resourceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/catalogs/{id}/resources/{resourceId}/scopes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the scopes of a catalog's resource */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    id: string;
                    resourceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/catalogs/{id}/resourceScopes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the scopes of the resources in a catalog */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/connectedOrganizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List connected organizations */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Create a connected organization */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        displayName: string;
                        identitySources: ({
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.domainIdentitySource";
                            displayName?: string;
                            domainName: string;
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.externalDomainFederation";
                            displayName?: string;
                            domainName: string;
                            issuerUri: string;
                        })[];
                        /** @enum {string} */
                        state?: "configured" | "proposed";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/connectedOrganizations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a connected organization */
        get: {
            parameters: {
                query?: {
                    /** @description Relationships to include */
                    $expand?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a connected organization no policy names (kept for history) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Update a connected organization */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        displayName?: string;
                        identitySources?: ({
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.domainIdentitySource";
                            displayName?: string;
                            domainName: string;
                        } | {
                            /** @enum {string} */
                            "@odata.type": "#microsoft.graph.externalDomainFederation";
                            displayName?: string;
                            domainName: string;
                            issuerUri: string;
                        })[];
                        /** @enum {string} */
                        state?: "configured" | "proposed";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/connectedOrganizations/{id}/externalSponsors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a connected organization's externalSponsors */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/connectedOrganizations/{id}/externalSponsors/{sponsorId}/$ref": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a user or group from a connected organization's externalSponsors */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    sponsorId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/connectedOrganizations/{id}/externalSponsors/$ref": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a user or group to a connected organization's externalSponsors */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        "@odata.id": string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/connectedOrganizations/{id}/internalSponsors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a connected organization's internalSponsors */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/connectedOrganizations/{id}/internalSponsors/{sponsorId}/$ref": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a user or group from a connected organization's internalSponsors */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    sponsorId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/connectedOrganizations/{id}/internalSponsors/$ref": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a user or group to a connected organization's internalSponsors */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        "@odata.id": string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/resourceRequests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List resource requests of the catalogs the caller may read */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Add a resource to a catalog, or remove one */
        post: {
            parameters: {
                query?: {
                    /** @description Relationships to include */
                    $expand?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        catalog: {
                            id: string;
                        };
                        /** @enum {string} */
                        requestType: "adminAdd" | "adminUpdate" | "adminRemove" | "userAdd" | "userUpdate" | "userRemove" | "systemAdd" | "systemUpdate" | "systemRemove" | "onBehalfAdd" | "unknownFutureValue";
                        resource: {
                            createdDateTime?: string | null;
                            description?: string | null;
                            displayName?: string | null;
                            environment?: {
                                id?: string;
                                originId?: string;
                            };
                            id?: string;
                            modifiedDateTime?: string | null;
                            originId?: string;
                            originSystem?: string;
                            resourceType?: string | null;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/identityGovernance/entitlementManagement/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get the entitlement management settings */
        get: {
            parameters: {
                query?: {
                    /** @description Relationships to include */
                    $expand?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change what happens to external users after their last assignment ends */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        durationUntilExternalUserDeletedAfterBlocked?: string;
                        /** @enum {string} */
                        externalUserLifecycleAction?: "none" | "blockSignIn" | "blockSignInAndDelete";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/v1.0/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get the signed-in user */
        get: {
            parameters: {
                query?: {
                    /** @description Relationships to include */
                    $expand?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/roleManagement/directory/roleAssignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List directory role assignments */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Assign a directory role */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default / */
                        directoryScopeId?: string;
                        principalId: string;
                        /** Format: uuid */
                        roleDefinitionId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/roleManagement/directory/roleAssignments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a directory role assignment */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        /** Remove a directory role assignment */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/roleManagement/directory/roleDefinitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the directory roles Tessera knows */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/roleManagement/entitlementManagement/roleAssignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List catalog role assignments the caller may read */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Give a catalog role (or Catalog creator) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        appScopeId?: string | null;
                        directoryScopeId?: string | null;
                        principalId: string;
                        roleDefinitionId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/roleManagement/entitlementManagement/roleAssignments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a catalog role assignment */
        get: {
            parameters: {
                query?: {
                    /** @description Relationships to include */
                    $expand?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        /** End a catalog role assignment (kept for history) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/roleManagement/entitlementManagement/roleDefinitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the entitlement-management roles */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/roleManagement/entitlementManagement/roleDefinitions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an entitlement-management role */
        get: {
            parameters: {
                query?: {
                    /** @description Relationships to include */
                    $expand?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/tessera/accessReports/resources/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everyone holding (or who held) a role of a catalog resource through access packages, and why */
        get: {
            parameters: {
                query?: {
                    /** @description 'json' (default) or 'csv'; Accept: text/csv does the same */
                    $format?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description JSON page size, 1 to 999 (default 100) */
                    $top?: string;
                    /** @description 'active' (default): roles held now, on assignments that have not ended; 'all': the whole history */
                    state?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/tessera/accessReports/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The resource roles a user holds (or held) through access packages, with the request, approvals and policy behind each */
        get: {
            parameters: {
                query?: {
                    /** @description 'json' (default) or 'csv'; Accept: text/csv does the same */
                    $format?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description JSON page size, 1 to 999 (default 100) */
                    $top?: string;
                    /** @description 'active' (default): roles held now, on assignments that have not ended; 'all': the whole history */
                    state?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/tessera/connectedSystems": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List connected systems (secrets never shown) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Add a connected system */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        displayName: string;
                        /** @enum {string} */
                        kind: "postgresql" | "ldap" | "scim" | "webhook";
                        reconciliation?: {
                            intervalMinutes?: number | null;
                            /** @enum {string} */
                            mode?: "reportOnly" | "correct";
                        };
                        secrets: {
                            [key: string]: unknown;
                        };
                        settings: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/tessera/connectedSystems/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a connected system (secrets never shown) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        /** Remove a connected system that no catalog holds resources of */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a connected system: settings are merged, secrets replaced one by one */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        displayName?: string;
                        reconciliation?: {
                            intervalMinutes?: number | null;
                            /** @enum {string} */
                            mode?: "reportOnly" | "correct";
                        };
                        secrets?: {
                            [key: string]: unknown;
                        };
                        settings?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/v1.0/tessera/connectedSystems/{id}/reconcile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Compare what the system holds with Tessera's assignments, now; in correct mode, put it right */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        mode?: "reportOnly" | "correct";
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/tessera/connectedSystems/{id}/reconciliations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The reconciliation runs of a system, newest first, paged */
        get: {
            parameters: {
                query?: {
                    $skiptoken?: string;
                    $top?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/tessera/connectedSystems/{id}/reconciliations/{runId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One reconciliation run: its state and what it found */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    runId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/tessera/connectedSystems/{id}/reconciliations/{runId}/drifts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The drift a run found, and what it did about each, paged */
        get: {
            parameters: {
                query?: {
                    $skiptoken?: string;
                    $top?: number;
                };
                header?: never;
                path: {
                    id: string;
                    runId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/tessera/connectedSystems/{id}/resources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the system offers to bring into catalogs, searched by the start of the name and paged */
        get: {
            parameters: {
                query?: {
                    $skiptoken?: string;
                    $top?: number;
                    search?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/tessera/connectedSystems/{id}/testConnection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check that Tessera can reach the system and do its work there */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/tessera/dynamicGroups/{id}/reevaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Apply a dynamic group's rule to every user now; says how many joined and left */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/tessera/membershipRules/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Who a membership rule matches, and who would join and leave a group's members with it (pages of $top users from $skip, by display name) */
        post: {
            parameters: {
                query?: {
                    $skip?: number;
                    $top?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        groupId?: string;
                        membershipRule: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/tessera/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who the caller is signed in as, which admin center areas their roles open; for a portal session, its CSRF token and when it ends */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/tessera/session/signOut": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the portal session (its cookie is cleared); a bearer token is revoked with tessera token revoke instead */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/tessera/userActivity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report when users last used their access in a connected system (the latest report wins only if later) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        value: {
                            /** Format: date-time */
                            lastActivityDateTime: string;
                            source: string;
                            userId: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/tessera/userActivity/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One user's last sign-in, API use and reported use */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Create a user */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accountEnabled?: boolean;
                        city?: string | null;
                        companyName?: string | null;
                        country?: string | null;
                        department?: string | null;
                        displayName: string;
                        employeeHireDate?: string | null;
                        employeeId?: string | null;
                        employeeType?: string | null;
                        givenName?: string | null;
                        jobTitle?: string | null;
                        mail?: string | null;
                        officeLocation?: string | null;
                        onPremisesExtensionAttributes?: {
                            extensionAttribute1?: string | null;
                            extensionAttribute2?: string | null;
                            extensionAttribute3?: string | null;
                            extensionAttribute4?: string | null;
                            extensionAttribute5?: string | null;
                            extensionAttribute6?: string | null;
                            extensionAttribute7?: string | null;
                            extensionAttribute8?: string | null;
                            extensionAttribute9?: string | null;
                            extensionAttribute10?: string | null;
                            extensionAttribute11?: string | null;
                            extensionAttribute12?: string | null;
                            extensionAttribute13?: string | null;
                            extensionAttribute14?: string | null;
                            extensionAttribute15?: string | null;
                        };
                        otherMails?: string[];
                        proxyAddresses?: string[];
                        surname?: string | null;
                        usageLocation?: string | null;
                        userPrincipalName: string;
                        /** @enum {string} */
                        userType?: "Member" | "Guest";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a user by id or userPrincipalName */
        get: {
            parameters: {
                query?: {
                    /** @description Relationships to include */
                    $expand?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a user (kept for history) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        /** Update a user */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accountEnabled?: boolean;
                        city?: string | null;
                        companyName?: string | null;
                        country?: string | null;
                        department?: string | null;
                        displayName?: string;
                        employeeHireDate?: string | null;
                        employeeId?: string | null;
                        employeeType?: string | null;
                        givenName?: string | null;
                        jobTitle?: string | null;
                        mail?: string | null;
                        officeLocation?: string | null;
                        onPremisesExtensionAttributes?: {
                            extensionAttribute1?: string | null;
                            extensionAttribute2?: string | null;
                            extensionAttribute3?: string | null;
                            extensionAttribute4?: string | null;
                            extensionAttribute5?: string | null;
                            extensionAttribute6?: string | null;
                            extensionAttribute7?: string | null;
                            extensionAttribute8?: string | null;
                            extensionAttribute9?: string | null;
                            extensionAttribute10?: string | null;
                            extensionAttribute11?: string | null;
                            extensionAttribute12?: string | null;
                            extensionAttribute13?: string | null;
                            extensionAttribute14?: string | null;
                            extensionAttribute15?: string | null;
                        };
                        otherMails?: string[];
                        proxyAddresses?: string[];
                        surname?: string | null;
                        usageLocation?: string | null;
                        userPrincipalName?: string;
                        /** @enum {string} */
                        userType?: "Member" | "Guest";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        trace?: never;
    };
    "/v1.0/users/{id}/directReports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a user's direct reports */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/users/{id}/manager": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a user's manager */
        get: {
            parameters: {
                query?: {
                    /** @description Relationships to include */
                    $expand?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/users/{id}/manager/$ref": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set a user's manager */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        "@odata.id": string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        /** Remove a user's manager */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/users/{id}/memberOf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the groups a user is a direct member of */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/users/{id}/sponsors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a user's sponsors */
        get: {
            parameters: {
                query?: {
                    /** @description true to include @odata.count */
                    $count?: string;
                    /** @description Relationships to include, e.g. resourceRoleScopes($expand=role,scope) */
                    $expand?: string;
                    /** @description OData filter, e.g. department eq 'IT' and startswith(displayName,'A') */
                    $filter?: string;
                    /** @description Properties to sort by, e.g. displayName desc */
                    $orderby?: string;
                    /** @description Comma-separated properties to return */
                    $select?: string;
                    /** @description Opaque paging token from @odata.nextLink */
                    $skiptoken?: string;
                    /** @description Page size, 1 to 999 (default 100) */
                    $top?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/users/{id}/sponsors/{sponsorId}/$ref": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a sponsor */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    sponsorId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1.0/users/{id}/sponsors/$ref": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a sponsor */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        "@odata.id": string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
